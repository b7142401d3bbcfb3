"""The course on JupyterHub: the hub's configuration (``config.configure``) and the learners' spawner.

deploy/jupyterhub_config.py calls ``configure(c)``; everything it decides is here, so it is tested and shared by
`make hub` and the Zero to JupyterHub recipe.
"""
