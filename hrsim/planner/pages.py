"""The planner's pages by tab: Kantor saya, Kalibrasi, Kebijakan, Laporan."""

from __future__ import annotations

from hrsim.planner.jobs_pages import CalibrationPage, PoliciesPage
from hrsim.planner.office_page import OfficePage
from hrsim.planner.report_page import ReportPage

PAGES = {"office": OfficePage, "calibrate": CalibrationPage, "policies": PoliciesPage,
         "report": ReportPage}
