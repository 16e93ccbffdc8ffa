"""When public content last changed: the freshness stamps behind ETag, Last-Modified
and the cache keys.

These two run on every public request, so they are one hand-written query each
rather than two ORM aggregates: the SQL is built once from the models' table names
and runs the same on SQLite and PostgreSQL.
"""

from datetime import UTC, datetime
from functools import cache

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from declarations.lifecycle import Status
from declarations.models import Declaration, DeclarationRevision, Region
from public.selectors.region import is_slug
from reports.models import TargetResult, Verification
from support.models import SupportMatchEvent, SupportMeasure, SupportRequestEvent
from visions.models import Vision, VisionRevision


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _stamp_sql() -> tuple[str, str]:
    declarations, revisions = _table(Declaration), _table(DeclarationRevision)
    visions, vision_revisions, regions = _table(Vision), _table(VisionRevision), _table(Region)
    verifications = _table(Verification)  # a published 検証 record is on the region page
    results = _table(TargetResult)  # a published 実績: the page, the API and targets.csv
    moment = "COALESCE(r.published_at, r.updated_at)"
    # The support-measure catalogue (ADR 0114): /support/, the API, the open data and the
    # measures matched to a region's projects. Any change counts (an unpublished measure was
    # perhaps public a moment ago); a deletion in the admin is its history row.
    measures, log, types = _table(SupportMeasure), _table(LogEntry), _table(ContentType)
    match_events = _table(SupportMatchEvent)  # pins and hides (ADR 0115)
    request_events = _table(SupportRequestEvent)
    catalogue = (
        f"SELECT m.updated_at AS t FROM {measures} m "
        f"UNION ALL "
        f"SELECT l.action_time AS t FROM {log} l "
        f"INNER JOIN {types} c ON l.content_type_id = c.id "
        f"WHERE c.app_label = 'support' AND c.model = 'supportmeasure'"
    )
    region = (
        f"SELECT MAX(t) FROM ("
        f"SELECT {moment} AS t FROM {revisions} r "
        f"INNER JOIN {declarations} d ON r.declaration_id = d.id "
        f"INNER JOIN {regions} g ON d.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {vision_revisions} r "
        f"INNER JOIN {visions} v ON r.vision_id = v.id "
        f"INNER JOIN {regions} g ON v.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s AND EXISTS ("
        f"SELECT 1 FROM {revisions} p INNER JOIN {declarations} pd ON p.declaration_id = pd.id "
        f"WHERE pd.region_id = g.id AND p.status = %s) "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {verifications} r "
        f"INNER JOIN {visions} v ON r.vision_id = v.id "
        f"INNER JOIN {regions} g ON v.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {results} r "
        f"INNER JOIN {visions} v ON r.vision_id = v.id "
        f"INNER JOIN {regions} g ON v.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s "
        f"UNION ALL "
        f"SELECT MAX(t) AS t FROM ({catalogue}) k WHERE EXISTS ("
        f"SELECT 1 FROM {revisions} p INNER JOIN {declarations} pd ON p.declaration_id = pd.id "
        f"INNER JOIN {regions} pg ON pd.region_id = pg.id "
        f"WHERE pg.slug = %s AND p.status = %s) "
        f"UNION ALL "
        # A request for new support measures published or withdrawn (ADR 0116).
        f"SELECT e.at AS t FROM {request_events} e "
        f"INNER JOIN {regions} g ON e.region_id = g.id "
        f"WHERE g.slug = %s AND e.verb IN ('published', 'unpublished') AND EXISTS ("
        f"SELECT 1 FROM {revisions} p INNER JOIN {declarations} pd ON p.declaration_id = pd.id "
        f"WHERE pd.region_id = g.id AND p.status = %s) "
        f"UNION ALL "
        # A reviewer's pin or hide under one of the region's projects (ADR 0115).
        f"SELECT e.at AS t FROM {match_events} e "
        f"INNER JOIN {regions} g ON e.region_id = g.id "
        f"WHERE g.slug = %s AND EXISTS ("
        f"SELECT 1 FROM {revisions} p INNER JOIN {declarations} pd ON p.declaration_id = pd.id "
        f"WHERE pd.region_id = g.id AND p.status = %s)"
        f") stamps"
    )
    site = (
        f"SELECT MAX(t) FROM ("
        f"SELECT {moment} AS t FROM {revisions} r WHERE r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {vision_revisions} r WHERE r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {results} r WHERE r.status = %s "
        f"UNION ALL "
        f"{catalogue}"
        f") stamps"
    )
    return region, site


def _as_datetime(value) -> datetime | None:
    """A MAX() of a datetime column: a datetime on PostgreSQL, text on SQLite (UTC)."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def region_stamp(slug: str) -> datetime | None:
    """When the region's public content last changed: its latest publication (one query).
    ``None`` when the region has no published declaration revision."""
    if not is_slug(slug):
        return None
    published = str(Status.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(
            _stamp_sql()[0],
            [
                *(slug, published, slug, published, published),
                *(slug, published, slug, published, slug, published),
                *(slug, published),  # the requests' events (ADR 0116)
                *(slug, published),  # the pins and hides (ADR 0115)
            ],
        )
        row = cursor.fetchone()
    return _as_datetime(row[0]) if row else None


def site_stamp() -> datetime | None:
    """The latest publication anywhere, a published result (targets.csv) and a change of the
    support-measure catalogue included (one query)."""
    published = str(Status.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql()[1], [published, published, published])
        row = cursor.fetchone()
    return _as_datetime(row[0]) if row else None
