"""Cohort files of any size: read them in chunks, score them, write the results (locally or on Spark), and the HTML report.

``files`` reads and writes CSV, JSON Lines and Parquet; ``pipeline`` scores a file
chunk by chunk; ``spark_job`` runs the same scoring on Apache Spark; ``report``
draws the cohort summary as one HTML page. Nothing here knows about the command
line or HTTP: ``careerpath batch`` (:mod:`api.cli.batch`) drives it.
"""
