"""What the public sees, put together from the apps' public selectors (STYLE.md §6).

Every public view, feed, CSV and API endpoint reads through these modules (or the
``published_*``/``current_*`` selectors of the apps), and everything here keeps to
*published* revisions: never a draft, a submitted, returned or accepted-but-not-yet-
published revision, a reviewer's comment, or who moved a status.

* ``prefectures`` -- the 47 prefectures (read once per process) and the area a region covers;
* ``history``     -- a region's publications (公表) and the state after each;
* ``region``      -- one region as the public saw it after one publication;
* ``search``      -- searching the current regions, members and projects;
* ``summaries``   -- what the region list, the CSV and the API show per region;
* ``site``        -- the latest publications anywhere and the site-wide figures;
* ``stamps``      -- when public content last changed (ETag, Last-Modified, cache keys).

A region whose current declaration revision is an abolition (廃止) is shown as
abolished, with its history. Query counts do not grow with members or projects: a
region state takes thirteen queries, a page of the region list four, whatever their sizes.

Callers import from the module that answers their question
(``from public.selectors.region import region_state``); this package re-exports nothing.
"""
