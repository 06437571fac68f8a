"""Kantor saya / My office: the office's profile in a form, and its SKM data with the IKM.

The form holds the profile as its TOML file would (`profile_data`) and is checked by the same
`parse_profile` as ``hrsim office check``; it saves into the browser's office folder as the
commented file ``hrsim office init`` writes (`template`). SKM files are checked
(`hrsim.planner.uploads`), then read with every file already kept by the same `hrsim.skm.read` as
``hrsim ikm``: a file that does not read is refused and not kept.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import matplotlib
import solara
import tomli_w
from matplotlib.figure import Figure

from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.i18n import number, t
from hrsim.measures.ikm import GRADES
from hrsim.planner import uploads
from hrsim.planner.jobs import PROFILE_FILE
from hrsim.planner.state import Planner
from hrsim.planner.uploads import shown
from hrsim.planner.widgets import Received, Upload, download, prose
from hrsim.report.plots import png
from hrsim.scenarios.profile import (
    OfficeProfile,
    default_profile,
    load_profile,
    office_scenario,
    parse_profile,
)
from hrsim.scenarios.profile_template import template
from hrsim.skm import SKM, parse_order, read
from hrsim.world import services

SKM_TYPES = (".csv", ".xlsx", ".toml")


def profile_data(profile: OfficeProfile) -> dict[str, Any]:
    """The profile as the tables of its TOML file."""
    dump = {"exclude_none": True}
    return {"office": profile.office.model_dump(),
            "kelurahan": [k.model_dump() for k in profile.kelurahan],
            "counter": profile.counter.model_dump(),
            "back_office": profile.back_office.model_dump(),
            "services": [s.model_dump() for s in profile.services],
            "demand": profile.demand.model_dump(**dump),
            "coordination": profile.coordination.model_dump(), "params": dict(profile.params)}


def check_form(data: dict[str, Any], lang: str) -> OfficeProfile:
    """The form's profile, checked as ``hrsim office check`` checks a file.

    Raises:
        InputError: One line naming the field and what is allowed.
    """
    text = tomli_w.dumps(data)
    return parse_profile(text, t("planner.office.the_form", lang))


def kelurahan_lines(data: dict[str, Any]) -> str:
    """The kelurahan as lines ``name; minutes``, for a text box."""
    return "\n".join(f"{k['name']}; {k['travel_min']:g}" for k in data["kelurahan"])


def parse_kelurahan(text: str, lang: str) -> list[dict[str, Any]]:
    """Lines ``name; minutes`` as kelurahan blocks.

    Raises:
        InputError: A line without a name and a number of minutes.
    """
    blocks = []
    for k, line in enumerate(filter(str.strip, text.splitlines()), start=1):
        name, _, minutes = line.rpartition(";")
        try:
            blocks.append({"name": name.strip(), "travel_min": float(minutes.replace(",", "."))})
        except ValueError:
            raise InputError(t("planner.office.kelurahan_line", lang, k=k, line=line.strip())) \
                from None
    return blocks


def saved_profile(saved: Path | None) -> OfficeProfile:
    """The profile kept in the office folder (`Planner.profile`), else Medan Area's."""
    return default_profile() if saved is None else load_profile(saved)


def skm_files(office: Any) -> list[Path]:
    """The SKM files kept in the office folder, in the order they came."""
    if office is None:
        return []
    found = [p for p in office.inputs.glob("u-*/*") if p.suffix in SKM_TYPES]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def order_of(office: Any) -> tuple[str, ...]:
    """The column order kept for the office's SKM files (U1..U9 by default)."""
    order = office.settings.get("order") if office is not None else None
    return tuple(order) if order else ELEMENTS


def sheet_of(office: Any) -> str | None:
    """The XLSX sheet kept for the office's SKM files (None: each file's first sheet)."""
    return office.settings.get("sheet") if office is not None else None


def skm_figure(skm: SKM, lang: str) -> bytes:
    """The IKM of each period with the grade bounds, and the nine element means per period."""
    fig = Figure(figsize=(9, 3.2))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2]})
    labels = [p.label for p in skm.periods]
    values = [p.ikm.ikm for p in skm.periods]
    left.bar(range(len(values)), values, color="#1e88e5")
    for k, v in enumerate(values):
        left.text(k, v + 0.5, f"{number(v, lang)} {skm.periods[k].ikm.grade}", ha="center",
                  fontsize=8)
    for _, lower in GRADES[:-1]:
        left.axhline(lower, color="grey", lw=0.6, ls="--")
    left.set_xticks(range(len(labels)), labels, fontsize=7, rotation=15)
    left.set_ylim(50, 100)
    left.set_title("IKM", fontsize=9)
    colours = matplotlib.colormaps["viridis"].resampled(max(len(labels), 2))
    for k, period in enumerate(skm.periods):
        right.plot(ELEMENTS, [period.survey.means[e] for e in ELEMENTS], "o-",
                   color=colours(k), label=period.label)
    right.set_ylim(1, 4)
    right.set_title(t("planner.office.elements_chart", lang), fontsize=9)
    right.legend(fontsize=7)
    for ax in (left, right):
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    return png(fig)


@solara.component
def SkmTable(skm: SKM, lang: str):
    """Per period: respondents, the IKM and its grade, and the nine element means."""
    header = [t("planner.office.period", lang), t("planner.office.respondents", lang), "IKM",
              t("planner.office.grade", lang), *ELEMENTS]
    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in (
            html.escape(p.label), p.ikm.respondents, number(p.ikm.ikm, lang),
            f"{p.ikm.grade} ({t('grade.' + p.ikm.grade, lang)})",
            *(number(p.survey.means[e], lang, 3) for e in ELEMENTS))) + "</tr>"
        for p in skm.periods)
    solara.HTML(tag="table", classes=["hrsim-ikm-table"],
                unsafe_innerHTML="<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"
                + rows)
    solara.Text(" · ".join(f"{e} {t(e, lang)}" for e in ELEMENTS), style={"font-size": "0.8em"})


@solara.component
def SkmCard(planner: Planner):
    """Upload the SKM files; the IKM, grade and elements per period, or what is wrong."""
    lang, office = planner.lang, planner.office()
    message = solara.use_reactive("")
    files, order, sheet = skm_files(office), order_of(office), sheet_of(office)
    order_text = solara.use_reactive(",".join(order) if order != ELEMENTS else "")

    def keep(received: list[Received]) -> None:
        target = planner.office_folder()
        order, sheet = order_of(target), sheet_of(target)
        try:
            for name, data in received:
                kept = skm_files(target)
                uploads.store(target.inputs, name, data,
                              check=lambda path, kept=kept: read([*kept, path], sheet=sheet,
                                                                 order=order))
        except InputError as exc:
            message.set(shown(str(exc)))
        else:
            message.set("")
        planner.touched()

    def remove(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
        message.set("")
        planner.touched()

    def set_order(text: str) -> None:
        order_text.set(text)
        try:
            chosen = parse_order(text) if text.strip() else ELEMENTS
        except InputError as exc:
            message.set(str(exc))
            return
        keep_setting("order", list(chosen))

    def set_sheet(text: str) -> None:
        keep_setting("sheet", text.strip() or None)

    def keep_setting(name: str, value: Any) -> None:
        """Keep a setting of the office's SKM files (their column order, their XLSX sheet)."""
        target = planner.office_folder()
        target.update(settings={**target.settings, name: value})
        message.set("")
        planner.touched()

    with solara.Card(t("planner.office.skm_title", lang), margin=0):
        prose(t("planner.office.skm_intro", lang))
        Upload(keep, lambda text: message.set(shown(text)), accept=SKM_TYPES,
               testid="hrsim-skm-upload")
        if message.value:
            solara.Error(message.value, classes=["hrsim-upload-error"])
        for path in files:
            with solara.Row(style={"align-items": "center"}):
                solara.Text(path.name, classes=["hrsim-skm-file"])
                solara.Button(t("planner.remove", lang), small=True, text=True,
                              on_click=lambda path=path: remove(path))
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.InputText(t("planner.office.order", lang), value=order_text.value,
                             on_value=set_order, continuous_update=False)
            solara.InputText(t("planner.office.sheet", lang), value=sheet or "",
                             on_value=set_sheet, continuous_update=False)
        if files:
            SkmResult(files, order, sheet, lang)


@solara.component
def SkmResult(files: list[Path], order: tuple[str, ...], sheet: str | None, lang: str):
    """The IKM of the kept files (read again only when they, the order or the sheet change)."""
    key = [str(p) for p in files]
    result = solara.use_memo(lambda: _read(files, order, sheet, lang),
                             [*key, order, sheet, lang])
    if isinstance(result, str):
        solara.Error(result, classes=["hrsim-upload-error"])
        return
    skm, picture = result
    latest = skm.latest.ikm
    solara.Success(t("planner.office.ikm_line", lang, period=skm.latest.label,
                     ikm=number(latest.ikm, lang), grade=latest.grade,
                     grade_text=t("grade." + latest.grade, lang),
                     respondents=latest.respondents), classes=["hrsim-ikm-latest"])
    SkmTable(skm, lang)
    solara.Image(picture, format="png", width="100%")


def _read(files: list[Path], order: tuple[str, ...], sheet: str | None,
          lang: str) -> tuple[SKM, bytes] | str:
    try:
        skm = read(files, sheet=sheet, order=order)
    except InputError as exc:
        return shown(str(exc))
    return skm, skm_figure(skm, lang)


@solara.component
def ProfileCard(planner: Planner):
    """The office profile form: pre-filled, loaded from or saved to a TOML file."""
    lang = planner.lang
    saved_file = planner.profile()
    data = solara.use_reactive(solara.use_memo(lambda: profile_data(saved_profile(saved_file)),
                                               []))
    kelurahan = solara.use_reactive(kelurahan_lines(data.value))
    message, saved = solara.use_reactive(""), solara.use_reactive("")

    def change(table: str, key: str, value: Any) -> None:
        data.set({**data.value, table: {**data.value[table], key: value}})
        saved.set("")

    def change_kelurahan(text: str) -> None:
        kelurahan.set(text)
        try:
            data.set({**data.value, "kelurahan": parse_kelurahan(text, lang)})
        except InputError as exc:
            message.set(str(exc))

    def load(received: list[Received]) -> None:
        name, content = received[-1]
        try:
            uploads.check_content(name, content, uploads.extension_of(name))
            profile = parse_profile(content.decode("utf-8-sig"), name)
        except InputError as exc:
            message.set(str(exc))
            return
        data.set(profile_data(profile))
        kelurahan.set(kelurahan_lines(data.value))
        message.set("")
        saved.set("")

    def save() -> None:
        try:
            profile = check_form(data.value, lang)
        except InputError as exc:
            message.set(str(exc))
            return
        target = planner.office_folder()
        (target.inputs / PROFILE_FILE).write_text(template(lang, PROFILE_FILE, profile),
                                                 encoding="utf-8")
        message.set("")
        saved.set(t("planner.office.saved", lang, name=profile.office.name))
        planner.touched()

    problem = _problem(data.value, lang)
    with solara.Card(t("planner.office.profile_title", lang), margin=0):
        prose(t("planner.office.profile_intro", lang))
        # Vuetify's panel opens in the browser, the form's widgets drawn with the page: at once
        with solara.v.ExpansionPanels(flat=True), solara.v.ExpansionPanel():
            solara.v.ExpansionPanelHeader(children=[t("planner.office.edit", lang)],
                                          class_="hrsim-edit-profile")
            with solara.v.ExpansionPanelContent():
                ProfileForm(data.value, change, kelurahan.value, change_kelurahan, lang)
                ServicesForm(data, lang)
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(t("planner.office.save", lang), color="primary", on_click=save,
                          disabled=problem is not None)
            if saved_file is not None:
                download(saved_file, t("planner.office.download", lang))
        solara.Text(t("planner.office.load", lang), style={"font-size": "0.85em"})
        Upload(load, message.set, accept=(".toml",), multiple=False,
               testid="hrsim-profile-upload")
        if message.value or problem:
            solara.Error(message.value or problem, classes=["hrsim-profile-error"])
        elif saved.value:
            solara.Success(saved.value, classes=["hrsim-profile-saved"])
        if problem is None:
            solara.Text(_sets(check_form(data.value, lang), lang), style={"font-size": "0.85em"})


def _problem(data: dict[str, Any], lang: str) -> str | None:
    try:
        check_form(data, lang)
    except InputError as exc:
        return str(exc)
    return None


def _sets(profile: OfficeProfile, lang: str) -> str:
    """What the profile changes in the model, one line."""
    scenario = office_scenario(profile)
    params = ", ".join(f"{k} = {v}" for k, v in sorted(scenario.params.items()))
    return t("planner.office.sets", lang, params=params or t("planner.office.defaults", lang),
             policies=", ".join(p.key for p in scenario.policies) or "–")


@solara.component
def ProfileForm(data: dict[str, Any], change: Any, kelurahan: str, change_kelurahan: Any,
                lang: str):
    """The office's fields: name, residents, counter, back office, coordination, kelurahan."""
    o, c, b, k = data["office"], data["counter"], data["back_office"], data["coordination"]
    with solara.Columns([1, 1, 1]):
        with solara.Column():
            solara.InputText(t("planner.office.name", lang), value=o["name"],
                             on_value=lambda v: change("office", "name", v))
            solara.InputInt(t("planner.office.residents", lang), value=o["residents"],
                            on_value=lambda v: change("office", "residents", v))
            solara.InputInt(t("planner.office.desks", lang), value=c["desks"],
                            on_value=lambda v: change("counter", "desks", v))
            with solara.Row():
                solara.InputText(t("planner.office.opens", lang), value=c["opens"],
                                 on_value=lambda v: change("counter", "opens", v))
                solara.InputText(t("planner.office.closes", lang), value=c["closes"],
                                 on_value=lambda v: change("counter", "closes", v))
            with solara.Row():
                solara.InputInt(t("planner.office.filled", lang), value=b["filled"],
                                on_value=lambda v: change("back_office", "filled", v))
                solara.InputInt(t("planner.office.vacant", lang), value=b["vacant"],
                                on_value=lambda v: change("back_office", "vacant", v))
        with solara.Column():
            solara.Checkbox(label=t("planner.office.paten", lang), value=k["paten"],
                            on_value=lambda v: change("coordination", "paten", v))
            for key in ("kelurahan", "disdukcapil", "dpmptsp"):  # the label above: a narrow
                solara.Text(t(f"planner.office.coordination.{key}", lang)  # column has no room
                            + f": {k[key]:.2f}", style={"font-size": "0.85em"})  # for both
                solara.SliderFloat("", value=k[key], min=0.0, max=1.0, step=0.05,
                                   on_value=lambda v, key=key: change("coordination", key, v))
            visits = data["demand"].get("visits_per_day")
            solara.InputText(t("planner.office.visits", lang),
                             value="" if visits is None else f"{visits:g}",
                             on_value=lambda v: change("demand", "visits_per_day",
                                                       _optional_number(v)),
                             continuous_update=False)
        with solara.Column():
            solara.InputTextArea(t("planner.office.kelurahan", lang), value=kelurahan,
                                 on_value=change_kelurahan, rows=8, continuous_update=False)


def _optional_number(text: str) -> float | str | None:
    """A number typed in a box (a decimal comma is fine); the text itself if it is none."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text  # the profile's check says what is allowed


@solara.component
def ServicesForm(data: solara.Reactive[dict[str, Any]], lang: str):
    """The services offered, each with its promised working days and official fee."""
    offered = {s["service"]: s for s in data.value["services"]}
    catalogue = {s.key: s for s in services.CATALOGUE}

    def set_service(key: str, field: str | None, value: Any) -> None:
        chosen = dict(offered)
        if field is None and not value:
            chosen.pop(key, None)
        else:
            base = chosen.get(key) or {"service": key,
                                       "promised_days": catalogue[key].promised_days,
                                       "fee_rp": catalogue[key].fee_rp}
            chosen[key] = base if field is None else {**base, field: value}
        data.set({**data.value, "services": [chosen[k] for k in services.KEYS if k in chosen]})

    solara.Text(t("planner.office.services", lang), style={"font-weight": "bold"})
    with solara.Row(style={"flex-wrap": "wrap"}):
        for key in services.KEYS:
            with solara.Column(gap="0px", style={"min-width": "12em"}):
                solara.Checkbox(label=t(f"office.service.{key}", lang), value=key in offered,
                                on_value=lambda v, key=key: set_service(key, None, v))
                if key in offered:
                    solara.InputInt(t("planner.office.promised_days", lang),
                                    value=offered[key]["promised_days"],
                                    on_value=lambda v, key=key: set_service(key, "promised_days",
                                                                            v))
                    solara.InputInt(t("planner.office.fee", lang), value=offered[key]["fee_rp"],
                                    on_value=lambda v, key=key: set_service(key, "fee_rp", v))


@solara.component
def OfficePage(planner: Planner):
    """Kantor saya / My office."""
    prose(t("planner.office.intro", planner.lang))
    SkmCard(planner)
    ProfileCard(planner)

