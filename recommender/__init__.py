"""Pure computation: profile normalisation, role fit, plan ranking and scheduling."""
