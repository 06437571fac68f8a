"""An office's SKM data as offices hold it (hrsim.skm, ``hrsim ikm``): forms, periods, errors."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from hrsim.cli import cli
from hrsim.errors import InputError
from hrsim.measures.ikm import ikm_from_nrr, read_survey, round_half_up
from hrsim.skm import SKM, parse_order, read
from hrsim.skm.answers import ANSWERS
from hrsim.skm.periods import chronological, start

DATA = Path(__file__).parent / "data" / "skm"
ELEMENTS = [f"U{k}" for k in range(1, 10)]
# six respondents, U9 left blank by two; the same answers as data/skm/kecamatan-2023-S1.csv
ANSWER_ROWS = [[4, 4, 3, 4, 3, 4, 4, 3, 4],
               [3, 3, 2, 4, 3, 3, 4, 3, 3],
               [3, 3, 2, 4, 3, 3, 3, 3, 2],
               [2, 3, 2, 4, 3, 3, 3, 2, None],
               [3, 2, 1, 4, 2, 3, 4, 3, 3],
               [4, 3, 3, 4, 4, 3, 4, 3, None]]
SERVICES = ["KTP", "ktp ", "Kartu Keluarga", "Kartu Keluarga", "KTP", ""]


def hrsim(*args: str) -> tuple[int, str, str]:
    """Run the command line through click: exit status, stdout, stderr."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_csv(path: Path, rows: list[list[object]], header: list[str] = ELEMENTS,
              sep: str = ",", encoding: str = "utf-8") -> Path:
    lines = [sep.join(header)] + [sep.join("" if c is None else str(c) for c in row)
                                  for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def as_text(rows: list[list[int | None]]) -> list[list[str | None]]:
    """The answers as the questionnaire's texts, in mixed case and spacing."""
    styles = [str.upper, str.lower, lambda s: "  " + s.replace(" ", "   ") + " "]
    return [[None if v is None else styles[(i + k) % 3](ANSWERS[f"U{k + 1}"][v - 1])
             for k, v in enumerate(row)] for i, row in enumerate(rows)]


def only(data: SKM):
    assert len(data.periods) == 1
    return data.periods[0]


def test_hand_computed_file_with_blank_answers(tmp_path):
    period = only(read([write_csv(tmp_path / "s1.csv", ANSWER_ROWS)]))
    survey, ikm = period.survey, period.ikm
    # column totals 19, 18, 13, 24, 18, 19, 22, 17 over 6 respondents; U9 12 over its 4:
    # Σ NRR = 150/6 + 12/4 = 28 → IKM 28 · 25/9 = 77.777… → 77.78 (B)
    assert survey.nrr["U1"] == Fraction(19, 6) and survey.nrr["U9"] == Fraction(3)
    assert survey.respondents == 6 and ikm.respondents == 6
    assert survey.answered == dict.fromkeys(ELEMENTS[:8], 6) | {"U9": 4}
    assert survey.distribution["U3"] == (1, 3, 2, 0)
    assert survey.distribution["U9"] == (0, 1, 2, 1)
    assert (ikm.ikm, ikm.grade) == (77.78, "B")
    assert (ikm.ikm_weight_0_11, ikm.ikm_weight_0_111) == (77.00, 77.70)  # 28·0.11·25, 28·0.111·25
    # dropping the two incomplete respondents instead would lose their other answers
    complete = [r for r in ANSWER_ROWS if None not in r]
    assert read([write_csv(tmp_path / "c.csv", complete)]).latest.survey.nrr["U1"] == \
        Fraction(13, 4)


def test_texts_and_numbers_give_identical_results(tmp_path):
    numbers = read([write_csv(tmp_path / "n.csv", ANSWER_ROWS)]).latest.survey
    texts = read([write_csv(tmp_path / "t.csv", as_text(ANSWER_ROWS))]).latest.survey
    assert texts == numbers
    assert only(read([DATA / "kecamatan-2023-S1.csv"])).survey == numbers


def test_variant_wordings_score_like_the_annex():
    from hrsim.skm.answers import answer

    assert answer("Tidak sopan dan tidak ramah", "U7") == 1
    assert answer("cukup  BAIK", "U8") == 2
    assert answer("Sangat murah / gratis", "U4") == 4
    assert answer(" 3 ", "U1") == 3 and answer(3, "U1") == 3 and answer("", "U1") is None


def test_semicolon_comma_bom_and_title_rows_read_alike(tmp_path):
    comma = read([write_csv(tmp_path / "a.csv", ANSWER_ROWS)]).latest.survey
    semicolon = read([write_csv(tmp_path / "b.csv", ANSWER_ROWS, sep=";",
                                encoding="utf-8-sig")]).latest.survey
    titled = tmp_path / "c.csv"
    titled.write_text("HASIL SKM KECAMATAN\n\n" + (tmp_path / "a.csv").read_text())
    assert semicolon == comma
    assert read([titled]).latest.survey == comma


def test_header_names_are_case_and_spacing_insensitive(tmp_path):
    header = ["no", "u1", "U 2", "Unsur 3", "U4. Biaya", "u5", "U6", "U7", "u 8", "U9"]
    rows = [[i + 1, *row] for i, row in enumerate(ANSWER_ROWS)]
    assert read([write_csv(tmp_path / "h.csv", rows, header)]).latest.ikm.ikm == 77.78


def test_xlsx_equals_csv_and_sheet_option(tmp_path):
    csv_result = read([DATA / "kecamatan-2023-S1.csv"])
    frame = pd.read_csv(DATA / "kecamatan-2023-S1.csv", sep=";", dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    numeric = pd.DataFrame(ANSWER_ROWS, columns=ELEMENTS, dtype=object)
    path = tmp_path / "kecamatan-2023-S1.xlsx"
    with pd.ExcelWriter(path) as book:
        frame.to_excel(book, sheet_name="Teks", index=False)
        numeric.to_excel(book, sheet_name="Angka", index=False, startrow=2)  # a title gap
    first, second = only(read([path])), only(read([path], sheet="Angka"))
    expected = only(csv_result)
    assert (first.label, first.survey, first.services) == \
        (expected.label, expected.survey, expected.services)
    assert second.survey == expected.survey


def test_order_swaps_u8_and_u9(tmp_path):
    swapped = [[*row[:7], row[8], row[7]] for row in as_text(ANSWER_ROWS)]
    path = write_csv(tmp_path / "swapped.csv", swapped)
    with pytest.raises(InputError, match=r"column U8: .* but U9 .*--order"):
        read([path])
    order = parse_order("u1, U2,U3,U4,U5,U6,U7, U9,u8")
    assert order[7:] == ("U9", "U8")
    assert read([path], order=order).latest.survey == \
        read([write_csv(tmp_path / "plain.csv", ANSWER_ROWS)]).latest.survey


def test_services_are_split_and_pooled(tmp_path):
    period = only(read([DATA / "kecamatan-2023-S1.csv"]))
    assert list(period.services) == ["Kartu Keluarga", "KTP", None]  # by name, unnamed last
    ktp, kk, unnamed = (period.services[k] for k in ("KTP", "Kartu Keluarga", None))
    # KTP: respondents 1, 2 ("ktp ") and 5: totals 10, 9, 6, 12, 8, 10, 12, 9, 10 over 3
    assert ktp.respondents == 3 and ktp.ikm.ikm == round_half_up(Fraction(86 * 25, 27))
    # Kartu Keluarga: respondents 3 and 4, U9 answered by one: Σ NRR = 46/2 + 2 = 25
    assert kk.answered["U9"] == 1 and (kk.ikm.ikm, kk.ikm.grade) == (69.44, "C")
    assert unnamed.ikm is None and unnamed.nrr["U9"] is None  # nobody answered U9
    pooled = [sum(s.distribution[e][a] for s in period.services.values())
              for e in ELEMENTS for a in range(4)]
    assert pooled == [period.survey.distribution[e][a] for e in ELEMENTS for a in range(4)]


def test_periods_from_a_column_and_from_files_in_time_order(tmp_path):
    rows = [["2024 Semester I", *r] for r in ANSWER_ROWS[:3]] + \
        [["2023 Semester II", *r] for r in ANSWER_ROWS[3:]]
    both = read([write_csv(tmp_path / "x.csv", rows, ["Periode", *ELEMENTS])])
    assert [p.label for p in both.periods] == ["2023 Semester II", "2024 Semester I"]
    assert [p.survey.respondents for p in both.periods] == [3, 3]
    later = write_csv(tmp_path / "2023-S2.csv", ANSWER_ROWS[:2])
    earlier = write_csv(tmp_path / "2023-S1.csv", ANSWER_ROWS[2:])
    files = read([later, earlier])
    assert [p.label for p in files.periods] == ["2023-S1", "2023-S2"]
    assert files.periods[0].files == (str(earlier),)


@pytest.mark.parametrize(("label", "when"), [
    ("2023", (2023, 1)), ("Semester II 2023", (2023, 7)), ("2023-S1", (2023, 1)),
    ("Triwulan III 2024", (2024, 7)), ("TW4 2024", (2024, 10)), ("Q2-2022", (2022, 4)),
    ("sebelum", None), ("2023-2024", None), ("Semester 3 2023", None),
])
def test_period_labels(label, when):
    assert start(label) == when


def test_unrecognised_labels_keep_the_given_order():
    assert chronological(["2024", "2023"]) == [1, 0]
    assert chronological(["sesudah", "2023"]) == [0, 1]


def test_published_table_reproduces_the_office_grade():
    period = only(read([DATA / "gaspul-triwulan-3.toml"]))
    assert period.label == "Triwulan III" and period.survey.respondents == 29
    assert period.survey.distribution is None
    # the office published 91.48 (A) from its respondents' answers; its NRRs are rounded to two
    # decimals, each off by at most 0.005, so the IKM from them is within 25 · 0.005 of it
    assert period.ikm.grade == "A" and period.ikm.ikm == 91.50
    assert abs(period.ikm.ikm - 91.48) <= 25 * 0.005
    # answer totals that round to the published NRRs over 29 give exactly the published 91.48
    totals = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    assert [round_half_up(Fraction(t, 29)) for t in totals] == \
        [float(v) for v in period.survey.nrr.values()]
    assert ikm_from_nrr([Fraction(t, 29) for t in totals], 29).ikm == 91.48


def test_published_table_csv_with_decimal_commas(tmp_path):
    # Bantul land office 2023 (skm-data.md §A4): IKM 87.28 (B) with weight 1/9, 87.19 with 0.111;
    # the office did not publish its respondent count: 100 here is a stand-in
    nrr = ["3,31", "3,35", "3,49", "3,93", "3,45", "3,39", "3,39", "3,76", "3,35"]
    path = write_csv(tmp_path / "table.csv", [["2023", 100, *nrr]],
                     ["periode", "Jumlah Responden", *ELEMENTS], sep=";")
    ikm = only(read([path])).ikm
    assert (ikm.ikm, ikm.grade, ikm.ikm_weight_0_111) == (87.28, "B", 87.19)
    assert ikm.elements["U4"] == 3.93


def test_raw_files_and_tables_make_one_series(tmp_path):
    raw = write_csv(tmp_path / "2024 Triwulan I.csv", ANSWER_ROWS)
    data = read([raw, DATA / "gaspul-triwulan-3.toml"])
    assert [p.label for p in data.periods] == ["2024 Triwulan I", "Triwulan III"]  # given order


def test_cli_text_and_json(tmp_path):
    code, out, _ = hrsim("ikm", str(DATA / "kecamatan-2023-S1.csv"))
    assert code == 0
    assert "kecamatan-2023-S1: IKM 77.78  grade B" in out and "(4 answered)" in out
    assert "Kartu Keluarga" in out and "(not given)" in out
    early = write_csv(tmp_path / "2022.csv", [[3] * 9])
    code, out, _ = hrsim("ikm", str(DATA / "kecamatan-2023-S1.csv"), str(early), "--json")
    data = json.loads(out)
    assert code == 0 and [p["period"] for p in data["periods"]] == ["2022", "kecamatan-2023-S1"]
    latest = data["periods"][-1]
    assert data["ikm"] == latest["ikm"] == 77.78 and data["respondents"] == 6
    assert latest["answered"]["U9"] == 4 and latest["distribution"]["U3"] == [1, 3, 2, 0]
    assert {s["service"] for s in latest["services"]} == {"KTP", "Kartu Keluarga", None}
    assert data["periods"][0]["services"] == [] and data["periods"][0]["ikm"] == 75.0


def test_read_survey_keeps_working_for_one_period(tmp_path):
    assert read_survey(DATA / "kecamatan-2023-S1.csv").ikm == 77.78
    rows = [["2023", *r] for r in ANSWER_ROWS[:2]] + [["2024", *r] for r in ANSWER_ROWS[2:]]
    with pytest.raises(InputError, match="2 periods"):
        read_survey(write_csv(tmp_path / "two.csv", rows, ["period", *ELEMENTS]))


HEADER = ",".join(ELEMENTS)
TABLE = "period,respondents," + HEADER
GOOD = ",".join(["3"] * 9)


@pytest.mark.parametrize(("text", "message"), [
    (HEADER + "\n3,3,Lambat,3,3,3,3,3,3\n",
     "line 2, column U3: 'Lambat' is not an answer to U3; allowed: 1, 2, 3, 4 or 'Tidak cepat', "
     "'Kurang cepat', 'Cepat', 'Sangat cepat'"),
    (HEADER + "\n3,3,3,3,3,3,3,3,Dikekola dengan baik\n",
     "column U9: 'Dikekola dengan baik' is not an answer to U9 (did you mean 'Dikelola"),
    (HEADER + f"\n{GOOD}\n3,3,3,3,5,3,3,3,3\n", "line 3, column U5: '5' is not an answer"),
    (HEADER + "\n3,3,3,3,3,3,3,2.5,3\n", "line 2, column U8: '2.5' is not an answer to U8"),
    (HEADER + "\n3,3,3,3,3,3,3,3,TRUE\n", "line 2, column U9: 'TRUE' is not an answer"),
    ("U1,U2,U3,U4,U5,U6,U7\n3,3,3,3,3,3,3\n", "line 1: missing column(s) U8, U9"),
    (HEADER + ",u 9\n" + GOOD + ",3\n", "line 1: column U9 and column u 9 both give U9"),
    (HEADER + ",Layanan,service\n" + GOOD + ",a,b\n", "both give service"),
    ("", "the file is empty; expected a header with U1..U9"),
    (HEADER + "\n", "no respondents (only a header)"),
    (HEADER + "\n3,3,3\n", "line 2: 3 fields but the header has 9"),
    ("period," + HEADER + f"\n2023,{GOOD}\n ,{GOOD}\n",
     "line 3, column period: an empty cell is not a period"),
    (TABLE + "\n2023,29,3.6,3.5,3.4,4.0,3.5,3.6,3.7,3.6,4.5\n",
     "line 2, column U9: '4.5' is not an NRR; allowed: a number from 1 to 4"),
    (TABLE + "\n2023,29,3.6,3.5,,4.0,3.5,3.6,3.7,3.6,3.9\n",
     "line 2, column U3: an empty cell is not an NRR"),
    (TABLE + "\n2023,0," + GOOD + "\n",
     "line 2, column respondents: '0' is not a respondent count; allowed: a positive integer"),
    (TABLE + "\n2023,12.5," + GOOD + "\n", "'12.5' is not a respondent count"),
    (TABLE + f"\n2023,20,{GOOD}\n2023,30,{GOOD}\n", "line 3: period '2023' is also in"),
])
def test_malformed_csv_is_one_line_naming_file_and_place(tmp_path, text, message):
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = hrsim("ikm", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"hrsim: error: {path}")
    assert message in err


@pytest.mark.parametrize(("data", "message"), [
    (b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3,\xe9\n", "line 2: not UTF-8 text"),
    ("U1,U2".encode("utf-16"), "UTF-16 text; save the file as CSV UTF-8"),
    (b"\x00\x01\x02binary", "a binary file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook"),
    (b"PK\x03\x04not really a zip", "not a readable XLSX workbook"),
])
def test_unreadable_files(tmp_path, data, message):
    path = tmp_path / "skm.csv"
    path.write_bytes(data)
    code, _, err = hrsim("ikm", str(path))
    assert code == 2 and err.count("\n") == 1 and str(path) in err and message in err


@pytest.mark.parametrize(("value", "message"), [
    (2.5, "column J (U9): 2.5 is not an answer to U9"),
    (True, "column J (U9): True is not an answer to U9"),
    (7, "column J (U9): 7 is not an answer"),
])
def test_malformed_xlsx_cells_are_named_by_sheet_row_column(tmp_path, value, message):
    frame = pd.DataFrame([[1] + [3] * 9, [2] + [3] * 8 + [value]], columns=["No", *ELEMENTS],
                         dtype=object)
    path = tmp_path / "skm.xlsx"
    frame.to_excel(path, index=False, sheet_name="Data")
    code, _, err = hrsim("ikm", str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"{path}, sheet 'Data', row 3, {message}" in err


@pytest.mark.parametrize(("extra", "message"), [
    ("respondents = true", "line 2, key respondents: True is not a respondent count"),
    ('respondents = 29\nU1 = "3.5"', "line 2, key U1: '3.5' is a text; write the number without"),
    ("respondents = 29\nU1 = 3.5\nu10 = 3.5", "line 2: unknown key 'u10'; allowed: period,"),
    ("respondents = 29\nrespondent = 3",
     "line 2: unknown key 'respondent' (did you mean 'respondents'?)"),
    ("respondents = 29\nU1 = 0.5", "line 2, key U1: 0.5 is not an NRR"),
])
def test_malformed_toml_tables(tmp_path, extra, message):
    path = tmp_path / "table.toml"
    path.write_text(f'# a table\n[[period]]\nperiod = "2023"\n{extra}\n' +
                    "\n".join(f"{e} = 3.5" for e in ELEMENTS if f"{e} =" not in extra) + "\n")
    code, _, err = hrsim("ikm", str(path))
    assert code == 2 and err.count("\n") == 1 and f"{path}, {message}" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--order", "U1,U2,U3"], "--order: 'U1,U2,U3' is not U1..U9 each once"),
    (["--order", "U1,U2,U3,U4,U5,U6,U7,U8,U8"], "is not U1..U9 each once"),
    (["--sheet", "Nope"], "no sheet 'Nope'; --sheet is one of 'Sheet1'"),
])
def test_bad_options(tmp_path, args, message):
    path = tmp_path / "skm.xlsx"
    pd.DataFrame([[3] * 9], columns=ELEMENTS).to_excel(path, index=False)
    code, _, err = hrsim("ikm", str(path), *args)
    assert code == 2 and err.count("\n") == 1 and message in err


def test_missing_file_and_the_same_file_twice(tmp_path):
    assert "no such file" in hrsim("ikm", str(tmp_path / "nope.csv"))[2]
    path = write_csv(tmp_path / "a.csv", ANSWER_ROWS)
    code, _, err = hrsim("ikm", str(path), str(path))
    assert code == 2 and "given twice" in err
