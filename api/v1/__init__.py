"""The versioned JSON API: one flask-smorest blueprint per resource, with its schemas.

``schemas`` documents (and checks the shape of) requests and responses of
recommendations and the catalog; ``cohort_schemas`` those of cohort scoring.
"""
