"""The planner's pages, one module per tab, which `hrsim.web` places on the page.

Kantor saya (`office`), Kalibrasi (`calibration`), Kebijakan (`policies`), Laporan (`report`).
"""

from __future__ import annotations

from hrsim.planner.pages.calibration import CalibrationPage
from hrsim.planner.pages.office import OfficePage
from hrsim.planner.pages.policies import PoliciesPage
from hrsim.planner.pages.report import ReportPage

PAGES = {"office": OfficePage, "calibrate": CalibrationPage, "policies": PoliciesPage,
         "report": ReportPage}
