answers-uncertain = Not confirmed:
answers-clause = Clause: { $clauses }
answers-sources = Sources:
answers-verified = Checked against our reference on { $date }
