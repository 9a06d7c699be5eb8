"""The visit models, taken over from the practices app in state only: the tables
(`practices_visit`, …) exist already, made by practices 0002–0006, and keep their
names. On a new database those migrations create them, as before."""

import coalition.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0008_merge_member_org_end_agreement_products"),
        ("practices", "0007_merge_public_page_and_vendor_answers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalVisit",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True,
                                blank=True,
                                db_index=True,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "planned_on",
                            models.DateField(
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="geplande datum",
                            ),
                        ),
                        (
                            "held_on",
                            models.DateField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="datum gehouden",
                            ),
                        ),
                        (
                            "progress",
                            models.TextField(blank=True, verbose_name="voortgang"),
                        ),
                        (
                            "going_well",
                            models.TextField(blank=True, verbose_name="wat gaat goed"),
                        ),
                        (
                            "challenges",
                            models.TextField(blank=True, verbose_name="uitdagingen"),
                        ),
                        (
                            "support_needed",
                            models.TextField(
                                blank=True, verbose_name="gewenste ondersteuning"
                            ),
                        ),
                        (
                            "feedback",
                            models.TextField(
                                blank=True,
                                verbose_name="terugkoppeling aan de praktijk",
                            ),
                        ),
                        (
                            "feedback_shared_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="gedeeld op",
                            ),
                        ),
                        (
                            "snapshot",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="momentopname"
                            ),
                        ),
                        (
                            "snapshot_taken_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                verbose_name="momentopname genomen op",
                            ),
                        ),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now),
                        ),
                        ("updated", models.DateTimeField(blank=True, editable=False)),
                        (
                            "version",
                            models.PositiveIntegerField(
                                default=1, editable=False, verbose_name="versie"
                            ),
                        ),
                        (
                            "form_token",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                editable=False,
                                max_length=64,
                                null=True,
                            ),
                        ),
                        (
                            "history_id",
                            models.AutoField(primary_key=True, serialize=False),
                        ),
                        ("history_date", models.DateTimeField(db_index=True)),
                        (
                            "history_change_reason",
                            models.CharField(max_length=100, null=True),
                        ),
                        (
                            "history_type",
                            models.CharField(
                                choices=[
                                    ("+", "Created"),
                                    ("~", "Changed"),
                                    ("-", "Deleted"),
                                ],
                                max_length=1,
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "feedback_shared_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="gedeeld door",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "practice",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="practices.practice",
                                verbose_name="praktijk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical praktijkbezoek",
                        "verbose_name_plural": "historical praktijkbezoeken",
                        "db_table": "practices_historicalvisit",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Visit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "planned_on",
                            models.DateField(
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="geplande datum",
                            ),
                        ),
                        (
                            "held_on",
                            models.DateField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="datum gehouden",
                            ),
                        ),
                        (
                            "progress",
                            models.TextField(blank=True, verbose_name="voortgang"),
                        ),
                        (
                            "going_well",
                            models.TextField(blank=True, verbose_name="wat gaat goed"),
                        ),
                        (
                            "challenges",
                            models.TextField(blank=True, verbose_name="uitdagingen"),
                        ),
                        (
                            "support_needed",
                            models.TextField(
                                blank=True, verbose_name="gewenste ondersteuning"
                            ),
                        ),
                        (
                            "feedback",
                            models.TextField(
                                blank=True,
                                verbose_name="terugkoppeling aan de praktijk",
                            ),
                        ),
                        (
                            "feedback_shared_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="gedeeld op",
                            ),
                        ),
                        (
                            "snapshot",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="momentopname"
                            ),
                        ),
                        (
                            "snapshot_taken_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                verbose_name="momentopname genomen op",
                            ),
                        ),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now),
                        ),
                        ("updated", models.DateTimeField(auto_now=True)),
                        (
                            "version",
                            models.PositiveIntegerField(
                                default=1, editable=False, verbose_name="versie"
                            ),
                        ),
                        (
                            "form_token",
                            models.CharField(
                                blank=True,
                                editable=False,
                                max_length=64,
                                null=True,
                                unique=True,
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "feedback_shared_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="gedeeld door",
                            ),
                        ),
                        (
                            "practice",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="visits",
                                to="practices.practice",
                                verbose_name="praktijk",
                            ),
                        ),
                        (
                            "visitors",
                            models.ManyToManyField(
                                blank=True,
                                related_name="practice_visits",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="bezoekers",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "praktijkbezoek",
                        "verbose_name_plural": "praktijkbezoeken",
                        "db_table": "practices_visit",
                        "ordering": ["-planned_on", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="FollowUpAction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("description", models.TextField(verbose_name="omschrijving")),
                        (
                            "owner",
                            models.CharField(
                                choices=[
                                    ("lead", "projectleider"),
                                    ("practice", "praktijk"),
                                ],
                                default="practice",
                                max_length=10,
                                verbose_name="eigenaar",
                            ),
                        ),
                        (
                            "due_on",
                            models.DateField(
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="uiterste datum",
                            ),
                        ),
                        (
                            "done_on",
                            models.DateField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="afgerond op",
                            ),
                        ),
                        (
                            "reminder_sent_on",
                            models.DateField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="herinnering verstuurd op",
                            ),
                        ),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now),
                        ),
                        (
                            "owner_user",
                            models.ForeignKey(
                                blank=True,
                                help_text="De projectleider die de actie oppakt (als de eigenaar die is).",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="visit_actions",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="projectleider",
                            ),
                        ),
                        (
                            "visit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="actions",
                                to="visits.visit",
                                verbose_name="bezoek",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "vervolgactie",
                        "verbose_name_plural": "vervolgacties",
                        "db_table": "practices_followupaction",
                        "ordering": ["due_on", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Bottleneck",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("login", "inloggen / DigiD"),
                                    ("portal_function", "functie van het portaal"),
                                    ("his_link", "koppeling met het HIS"),
                                    ("workflow", "werkwijze of tijd"),
                                    (
                                        "patient_communication",
                                        "communicatie met patiënten",
                                    ),
                                    ("other", "overig"),
                                ],
                                max_length=30,
                                verbose_name="categorie",
                            ),
                        ),
                        ("description", models.TextField(verbose_name="omschrijving")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "open"),
                                    ("passed_on", "doorgegeven"),
                                    ("resolved", "opgelost"),
                                ],
                                default="open",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "raised_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="gemeld op",
                            ),
                        ),
                        (
                            "passed_to",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("vendor", "leverancier"),
                                    ("office", "landelijk programmabureau"),
                                ],
                                max_length=10,
                                verbose_name="doorgegeven aan",
                            ),
                        ),
                        (
                            "passed_on_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="doorgegeven op",
                            ),
                        ),
                        (
                            "pass_on_note",
                            models.TextField(
                                blank=True, verbose_name="toelichting bij het doorgeven"
                            ),
                        ),
                        (
                            "resolved_at",
                            models.DateTimeField(
                                blank=True,
                                null=True,
                                validators=[
                                    coalition.validators.PlausibleDateValidator()
                                ],
                                verbose_name="opgelost op",
                            ),
                        ),
                        (
                            "resolution",
                            models.TextField(blank=True, verbose_name="oplossing"),
                        ),
                        (
                            "form_token",
                            models.CharField(
                                blank=True,
                                editable=False,
                                max_length=64,
                                null=True,
                                unique=True,
                            ),
                        ),
                        (
                            "passed_on_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="doorgegeven door",
                            ),
                        ),
                        (
                            "practice",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="bottlenecks",
                                to="practices.practice",
                                verbose_name="praktijk",
                            ),
                        ),
                        (
                            "raised_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="gemeld door",
                            ),
                        ),
                        (
                            "resolved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="opgelost gemeld door",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="bottlenecks",
                                to="coalition.vendor",
                                verbose_name="leverancier",
                            ),
                        ),
                        (
                            "visit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="bottlenecks",
                                to="visits.visit",
                                verbose_name="bezoek",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "knelpunt",
                        "verbose_name_plural": "knelpunten",
                        "db_table": "practices_bottleneck",
                        "ordering": ["-raised_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="VisitNotice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("digest", "wekelijks overzicht"),
                                    ("reminder", "herinnering aan actie"),
                                    ("passed_on", "knelpunt doorgegeven"),
                                    ("shared", "terugkoppeling gedeeld"),
                                    ("answer", "antwoord van de leverancier"),
                                ],
                                max_length=10,
                                verbose_name="soort",
                            ),
                        ),
                        (
                            "key",
                            models.CharField(
                                max_length=200, unique=True, verbose_name="sleutel"
                            ),
                        ),
                        ("to", models.EmailField(max_length=254, verbose_name="aan")),
                        ("day", models.DateField(verbose_name="dag")),
                        (
                            "summary",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="inhoud"
                            ),
                        ),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now),
                        ),
                        (
                            "coalition",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="coalition.coalition",
                            ),
                        ),
                        (
                            "message",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="coalition.emailmessage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "verzonden bericht",
                        "verbose_name_plural": "verzonden berichten",
                        "db_table": "practices_visitnotice",
                        "ordering": ["-created"],
                    },
                ),
                migrations.CreateModel(
                    name="VisitReply",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("text", models.TextField(verbose_name="reactie")),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="auteur",
                            ),
                        ),
                        (
                            "visit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="replies",
                                to="visits.visit",
                                verbose_name="bezoek",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reactie op bezoek",
                        "verbose_name_plural": "reacties op bezoeken",
                        "db_table": "practices_visitreply",
                        "ordering": ["visit", "created"],
                    },
                ),
                migrations.CreateModel(
                    name="VendorAnswer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("acknowledged", "ontvangen"),
                                    ("in_progress", "in behandeling"),
                                    ("fixed", "opgelost in versie"),
                                    ("not_reproducible", "niet te reproduceren"),
                                    ("wont_fix", "wordt niet opgelost"),
                                ],
                                max_length=20,
                                verbose_name="antwoord",
                            ),
                        ),
                        (
                            "text",
                            models.TextField(blank=True, verbose_name="toelichting"),
                        ),
                        (
                            "created",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                verbose_name="gegeven op",
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="auteur",
                            ),
                        ),
                        (
                            "bottleneck",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="vendor_answers",
                                to="visits.bottleneck",
                                verbose_name="knelpunt",
                            ),
                        ),
                        (
                            "fixed_in",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="coalition.productversion",
                                verbose_name="opgelost in versie",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="coalition.vendor",
                                verbose_name="leverancier",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "antwoord van de leverancier",
                        "verbose_name_plural": "antwoorden van leveranciers",
                        "db_table": "practices_vendoranswer",
                        "ordering": ["bottleneck", "created", "pk"],
                        "indexes": [
                            models.Index(
                                fields=["vendor", "kind", "created"],
                                name="practices_v_vendor__808999_idx",
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("kind", "fixed"), ("fixed_in__isnull", False)
                                    ),
                                    models.Q(
                                        models.Q(("kind", "fixed"), _negated=True),
                                        ("fixed_in__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="vendor_answer_fixed_names_version",
                                violation_error_message='Alleen bij "opgelost in versie" hoort een versie, en daar altijd.',
                            )
                        ],
                    },
                ),
                migrations.AddIndex(
                    model_name="visit",
                    index=models.Index(
                        fields=["practice", "held_on"],
                        name="practices_v_practic_8f8553_idx",
                    ),
                ),
                migrations.AddIndex(
                    model_name="visit",
                    index=models.Index(
                        fields=["planned_on"], name="practices_v_planned_6bd5b4_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="visit",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("feedback_shared_at__isnull", True),
                            models.Q(("feedback", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="visit_shared_feedback_not_empty",
                        violation_error_message="Gedeelde terugkoppeling kan niet leeg zijn.",
                    ),
                ),
                migrations.AddIndex(
                    model_name="followupaction",
                    index=models.Index(
                        fields=["done_on", "due_on"],
                        name="practices_f_done_on_ceea1e_idx",
                    ),
                ),
                migrations.AddIndex(
                    model_name="bottleneck",
                    index=models.Index(
                        fields=["status", "raised_at"],
                        name="practices_b_status_805d30_idx",
                    ),
                ),
                migrations.AddIndex(
                    model_name="bottleneck",
                    index=models.Index(
                        fields=["vendor", "category"],
                        name="practices_b_vendor__c4709c_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="bottleneck",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("status", "open"),
                            models.Q(
                                ("passed_on_at__isnull", False),
                                models.Q(("passed_to", ""), _negated=True),
                            ),
                            ("status", "resolved"),
                            _connector="OR",
                        ),
                        name="bottleneck_passed_on_has_details",
                        violation_error_message="Een doorgegeven knelpunt heeft een ontvanger en een datum.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="bottleneck",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "resolved"), _negated=True),
                            ("resolved_at__isnull", False),
                            _connector="OR",
                        ),
                        name="bottleneck_resolved_has_date",
                        violation_error_message="Een opgelost knelpunt heeft een datum.",
                    ),
                ),
            ],
        ),
    ]
