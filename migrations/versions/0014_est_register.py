"""EST: areas, places, categories (seeded), incidents and the actions of the lägesbild (issue 15).

No table refers to a person or a case: EST is about places and situations (DOMAIN 5.1).
The default categories are the ones municipalities use in their EST reporting, as the
issue lists them; they are frozen here as they were when this revision was written (the
coordinator edits them as data afterwards, and a migration must not change behind a
database).

Revision ID: 0014
Revises: 0013
Create Date: 2027-01-10
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

#: (code, label, subcategories as (code suffix, label)).
_CATEGORIES = (
    ("SKADEGORELSE", "Skadegörelse", (("KLOTTER", "Klotter"), ("GLASKROSS", "Glaskross"), ("BRAND", "Brand"))),
    ("OTRYGG_SAMLING", "Otrygg samling av personer", (
        ("TRAPPHUS", "Trapphus"), ("KALLARE", "Källare"), ("GARAGE", "Garage"), ("CENTRUM", "Centrum"),
        ("UTOMHUS", "Utomhus"))),
    ("ORDNINGSSTORANDE", "Ordningsstörande", (
        ("BRAK", "Bråk"), ("VALD", "Våld"), ("HOT", "Hot"), ("INBROTT", "Inbrott"), ("RAN", "Rån"),
        ("NARKOTIKAHANDEL", "Misstänkt narkotikahandel"), ("OLOVLIG_KORNING", "Olovlig körning"))),
    ("OTRYGG_PLATS", "Otrygg plats", (
        ("BELYSNING", "Belysning"), ("NEDSKRAPNING", "Nedskräpning"), ("INSYN", "Insyn"), ("ODE_PLATS", "Öde plats"))),
    ("ARRANGEMANG", "Arrangemang", ()),
)


def upgrade() -> None:
    op.create_table(
        "est_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_area")),
        sa.UniqueConstraint("code", name=op.f("uq_est_area_code")),
        sa.UniqueConstraint("name", name=op.f("uq_est_area_name")),
    )
    op.create_table(
        "est_place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["est_area.id"], name=op.f("fk_est_place_area_id_est_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_place")),
        sa.UniqueConstraint("area_id", "name", name="uq_est_place_area_name"),
    )
    category = op.create_table(
        "est_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["est_category.id"],
                                name=op.f("fk_est_category_parent_id_est_category")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_category")),
        sa.UniqueConstraint("code", name=op.f("uq_est_category_code")),
    )
    op.create_table(
        "est_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("subcategory_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("place_text", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("occurred_from", sa.DateTime(), nullable=False),
        sa.Column("occurred_to", sa.DateTime(), nullable=True),
        sa.Column("time_known", sa.Boolean(), nullable=False),
        sa.Column("reporting_agency", sa.String(length=40), nullable=False),
        sa.Column("owning_agency", sa.String(length=40), nullable=False),
        sa.Column("persons_involved", sa.Integer(), nullable=True),
        sa.Column("police_reported", sa.Boolean(), nullable=False),
        sa.Column("cleaned_up_on", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("import_batch", sa.String(length=32), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["est_area.id"], name=op.f("fk_est_incident_area_id_est_area")),
        sa.ForeignKeyConstraint(["category_id"], ["est_category.id"],
                                name=op.f("fk_est_incident_category_id_est_category")),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["user_account.id"],
                                name=op.f("fk_est_incident_created_by_user_id_user_account")),
        sa.ForeignKeyConstraint(["place_id"], ["est_place.id"], name=op.f("fk_est_incident_place_id_est_place")),
        sa.ForeignKeyConstraint(["subcategory_id"], ["est_category.id"],
                                name=op.f("fk_est_incident_subcategory_id_est_category")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_incident")),
    )
    with op.batch_alter_table("est_incident", schema=None) as batch_op:
        batch_op.create_index("ix_est_incident_area_day", ["area_id", "occurred_on"], unique=False)
        batch_op.create_index("ix_est_incident_dup", ["occurred_on", "category_id", "area_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_est_incident_occurred_on"), ["occurred_on"], unique=False)
    op.create_table(
        "est_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("place_text", sa.String(length=300), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("follow_up_note", sa.Text(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["est_area.id"], name=op.f("fk_est_action_area_id_est_area")),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["user_account.id"],
                                name=op.f("fk_est_action_created_by_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_action")),
    )
    with op.batch_alter_table("est_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_est_action_decided_on"), ["decided_on"], unique=False)

    rows, next_id = [], 1
    for order, (code, label, subs) in enumerate(_CATEGORIES, 1):
        parent = next_id
        rows.append({"id": parent, "code": code, "label": label, "parent_id": None, "active": True,
                     "sort_order": order * 100})
        next_id += 1
        for sub_order, (sub, sub_label) in enumerate(subs, 1):
            rows.append({"id": next_id, "code": f"{code}.{sub}", "label": sub_label, "parent_id": parent,
                         "active": True, "sort_order": order * 100 + sub_order})
            next_id += 1
    op.bulk_insert(category, rows)


def downgrade() -> None:
    with op.batch_alter_table("est_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_est_action_decided_on"))
    op.drop_table("est_action")
    with op.batch_alter_table("est_incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_est_incident_occurred_on"))
        batch_op.drop_index("ix_est_incident_dup")
        batch_op.drop_index("ix_est_incident_area_day")
    op.drop_table("est_incident")
    op.drop_table("est_category")
    op.drop_table("est_place")
    op.drop_table("est_area")
