"""Record details, the company profile, and re-planning that takes the details into account."""
