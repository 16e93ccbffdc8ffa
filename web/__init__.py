"""The portal's HTTP plumbing, with no domain in it (ADR 0083): what every page and every
endpoint shares.

* ``ratelimit`` -- N requests per period per client address, on Django's cache (429);
* ``pages``     -- the one page-number clamp of every paginated view;
* ``errors``    -- the error pages (``handler400`` …), which never read the request body;
* ``links``     -- the absolute links of mails and commands, from ``PORTAL_BASE_URL`` (ADR 0086).

It imports nothing of the portal, so every layer may use it (it sits just above ``filing``
in the import-linter layers).
"""
