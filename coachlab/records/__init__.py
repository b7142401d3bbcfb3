"""The records service (a JupyterHub service) and its client: each learner's records, kept to that learner.

``service`` runs under the hub; ``client.RecordsClient`` is what a page's kernel gets from
``coachlab.progress.open_store()`` when ``COACHLAB_RECORDS_URL`` is set, with the same methods as the SQLite
store; ``wire`` is the JSON both sides speak.
"""
