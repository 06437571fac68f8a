"""Every user-facing text in Bahasa Indonesia and English, in one place.

`t(key, lang)` looks a text up; ``TEXTS[key]`` must have both languages (checked by a test).
"""

from __future__ import annotations

LANGUAGES = ("id", "en")

TEXTS: dict[str, dict[str, str]] = {
    # IKM elements (Permen PANRB 14/2017)
    "U1": {"id": "Persyaratan", "en": "Requirements"},
    "U2": {"id": "Sistem, mekanisme dan prosedur", "en": "Procedure"},
    "U3": {"id": "Waktu penyelesaian", "en": "Completion time"},
    "U4": {"id": "Biaya/tarif", "en": "Cost/fee"},
    "U5": {"id": "Produk spesifikasi jenis pelayanan", "en": "Product as specified"},
    "U6": {"id": "Kompetensi pelaksana", "en": "Staff competence"},
    "U7": {"id": "Perilaku pelaksana", "en": "Staff behaviour"},
    "U8": {"id": "Sarana dan prasarana", "en": "Facilities"},
    "U9": {"id": "Penanganan pengaduan, saran dan masukan", "en": "Complaint handling"},
    # grades
    "grade.A": {"id": "Sangat Baik", "en": "Very good"},
    "grade.B": {"id": "Baik", "en": "Good"},
    "grade.C": {"id": "Kurang Baik", "en": "Poor"},
    "grade.D": {"id": "Tidak Baik", "en": "Bad"},
    # measures
    "ikm": {"id": "IKM (Indeks Kepuasan Masyarakat)", "en": "IKM (public satisfaction index)"},
    "grade": {"id": "Mutu pelayanan", "en": "Grade"},
    "respondents": {"id": "Responden", "en": "Respondents"},
    "trust_office": {"id": "Kepercayaan pada kantor camat", "en": "Trust in the kantor camat"},
    "trust_government": {"id": "Kepercayaan pada pemerintah", "en": "Trust in government"},
    "trust_users": {"id": "Kepercayaan pengguna layanan", "en": "Trust among service users"},
    "share_trusting": {"id": "Warga yang percaya", "en": "Residents who trust the office"},
    "wait_mean_min": {"id": "Rata-rata waktu tunggu (menit)", "en": "Mean wait (minutes)"},
    "wait_p90_min": {"id": "Waktu tunggu persentil 90 (menit)",
                     "en": "90th percentile wait (minutes)"},
    "p_wait": {"id": "Peluang harus menunggu", "en": "Probability of waiting"},
    "utilisation": {"id": "Utilisasi loket", "en": "Counter utilisation"},
    "visits": {"id": "Kunjungan ke loket", "en": "Counter visits"},
    "gave_up_rate": {"id": "Warga yang menyerah mengantre", "en": "Gave up in the queue"},
    "sent_home_rate": {"id": "Warga disuruh kembali besok", "en": "Sent home unserved"},
    "services_completed": {"id": "Layanan selesai", "en": "Services completed"},
    "end_to_end_days": {"id": "Lama layanan (hari kerja)", "en": "End-to-end time (working days)"},
    "on_time_rate": {"id": "Selesai tepat waktu", "en": "Completed on time"},
    "bounce_rate": {"id": "Berkas dikembalikan", "en": "Bounced back"},
    "abandoned": {"id": "Permohonan ditinggalkan", "en": "Requests abandoned"},
    "complaints": {"id": "Pengaduan", "en": "Complaints"},
    "complaints_resolved_on_time": {"id": "Pengaduan selesai sesuai standar",
                                    "en": "Complaints resolved within standard"},
    "exhaustion_mean": {"id": "Kelelahan pegawai", "en": "Staff exhaustion"},
    "motivation_mean": {"id": "Motivasi pegawai", "en": "Staff motivation"},
    "courtesy_mean": {"id": "Keramahan petugas loket", "en": "Counter courtesy"},
    "competence_mean": {"id": "Kompetensi pegawai", "en": "Staff competence"},
    "turnover": {"id": "Pegawai keluar", "en": "Staff who resigned"},
    "cost_rp": {"id": "Biaya kebijakan (Rp)", "en": "Policy cost (Rp)"},
    "servqual": {"id": "SERVQUAL (selisih kinerja − harapan)",
                 "en": "SERVQUAL (performance − expectation gap)"},
    "reliability": {"id": "Keandalan", "en": "Reliability"},
    "responsiveness": {"id": "Daya tanggap", "en": "Responsiveness"},
    "assurance": {"id": "Jaminan", "en": "Assurance"},
    "empathy": {"id": "Empati", "en": "Empathy"},
    "tangibles": {"id": "Bukti fisik", "en": "Tangibles"},
    "index": {"id": "Indeks tertimbang", "en": "Weighted index"},
    # headings
    "heading.run": {"id": "Hasil simulasi", "en": "Simulation result"},
    "heading.elements": {"id": "Unsur pelayanan (rata-rata 1–4)",
                         "en": "Service elements (mean answer 1–4)"},
    "heading.service": {"id": "Pelayanan", "en": "Service"},
    "heading.trust": {"id": "Kepercayaan", "en": "Trust"},
    "heading.staff": {"id": "Pegawai", "en": "Staff"},
    "heading.queue": {"id": "Antrean loket", "en": "Counter queue"},
    "day": {"id": "Hari kerja", "en": "Working day"},
    "survey": {"id": "Survei SKM", "en": "SKM survey"},
    "queue_max": {"id": "Antrean terpanjang", "en": "Longest queue"},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "seed": {"id": "Seed", "en": "Seed"},
}


def t(key: str, lang: str = "en") -> str:
    """The text for `key` in `lang` (``id`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return TEXTS[key][lang]
