"""The standard questionnaire: the template coalitions start from (and the demo uses).

The codes are fixed: the indicators (`surveys.indicators`) and year-on-year comparisons
depend on them. Texts are ours; the subjects follow the OPEN monitor.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from surveys.models import Question

K = Question.Kind

# (section title, [(code, text, kind, extra)])
STANDARD: list[tuple[str, list[tuple[str, str, str, dict]]]] = [
    (
        _("De praktijk"),
        [
            (
                "list_size",
                _("Hoeveel patiënten staan er ingeschreven in uw praktijk?"),
                K.INTEGER,
                {
                    "required": True,
                    "min_value": 1,
                    "max_value": 100000,
                    "unit": _("patiënten"),
                },
            ),
        ],
    ),
    (
        _("Diensten die u aanbiedt"),
        [
            (
                "has_portal",
                _("Heeft de praktijk een patiëntenportaal?"),
                K.YES_NO,
                {},
            ),
            (
                "offers_record_access",
                _("Kunnen patiënten hun dossier online inzien?"),
                K.YES_NO,
                {"required": True},
            ),
            (
                "offers_econsult",
                _("Biedt u het e-consult aan?"),
                K.YES_NO,
                {"required": True},
            ),
            (
                "offers_online_appointments",
                _("Kunnen patiënten online een afspraak maken?"),
                K.YES_NO,
                {"required": True},
            ),
            (
                "offers_repeat_prescriptions",
                _("Kunnen patiënten online herhaalmedicatie aanvragen?"),
                K.YES_NO,
                {"required": True},
            ),
            (
                "offers_lab_results",
                _("Zien patiënten hun labuitslagen online?"),
                K.YES_NO,
                {},
            ),
            (
                "offers_home_measurements",
                _("Kunnen patiënten thuismetingen doorgeven?"),
                K.YES_NO,
                {},
            ),
            ("offers_video_consult", _("Biedt u videobellen aan?"), K.YES_NO, {}),
            ("offers_app", _("Is er een app voor het portaal?"), K.YES_NO, {}),
            (
                "offers_proxy_access",
                _("Kunnen naasten met toestemming meekijken (gemachtigde toegang)?"),
                K.YES_NO,
                {},
            ),
            ("login_digid", _("Loggen patiënten in met DigiD?"), K.YES_NO, {}),
            ("login_sms", _("Loggen patiënten in met een sms-code?"), K.YES_NO, {}),
            (
                "login_password",
                _("Loggen patiënten in met gebruikersnaam en wachtwoord?"),
                K.YES_NO,
                {},
            ),
        ],
    ),
    (
        _("Gebruik in het laatste kwartaal van de periode"),
        [
            (
                "portal_registered",
                _("Hoeveel patiënten hebben een account op het portaal?"),
                K.INTEGER,
                {"unit": _("patiënten")},
            ),
            (
                "appointments_total_q4",
                _("Hoeveel afspraken met de huisarts waren er in totaal?"),
                K.INTEGER,
                {"unit": _("afspraken")},
            ),
            (
                "appointments_online_q4",
                _("Hoeveel van die afspraken maakten patiënten online?"),
                K.INTEGER,
                {"unit": _("afspraken"), "show_if": "offers_online_appointments"},
            ),
            (
                "econsults_q4",
                _("Hoeveel e-consulten ontving u?"),
                K.INTEGER,
                {"unit": _("e-consulten"), "show_if": "offers_econsult"},
            ),
            (
                "repeat_prescriptions_online_q4",
                _("Hoeveel herhaalrecepten werden online aangevraagd?"),
                K.INTEGER,
                {"unit": _("aanvragen"), "show_if": "offers_repeat_prescriptions"},
            ),
        ],
    ),
    (
        _("Telefonische bereikbaarheid"),
        [
            (
                "calls_per_week",
                _("Hoeveel telefoontjes komen er gemiddeld per week binnen?"),
                K.DECIMAL,
                {"unit": _("per week"), "min_value": 0},
            ),
            (
                "calls_answered_2min_pct",
                _("Welk deel van de telefoontjes wordt binnen 2 minuten opgenomen?"),
                K.PERCENTAGE,
                {"unit": "%", "help": _("De norm van de inspectie is 80%.")},
            ),
            (
                "call_wait_seconds",
                _("Hoe lang wacht een beller gemiddeld?"),
                K.DECIMAL,
                {"unit": _("seconden"), "min_value": 0, "max_value": 3600},
            ),
        ],
    ),
    (
        _("Werkwijze"),
        [
            (
                "online_only_slots",
                _("Houdt u afspraakplekken vrij die alleen online te boeken zijn?"),
                K.YES_NO,
                {},
            ),
            (
                "next_day_slots_at_17",
                _("Zet u om 17.00 uur plekken voor de volgende dag online open?"),
                K.YES_NO,
                {},
            ),
            (
                "econsult_within_one_day",
                _("Beantwoordt u e-consulten binnen één werkdag?"),
                K.YES_NO,
                {},
            ),
            (
                "barriers",
                _("Wat houdt het online gebruik in uw praktijk tegen?"),
                K.TEXT,
                {},
            ),
            (
                "support_needs",
                _("Waarbij wilt u ondersteuning van de coalitie?"),
                K.TEXT,
                {},
            ),
        ],
    ),
]

STANDARD_CODES = [code for _title, qs in STANDARD for code, *_rest in qs]
