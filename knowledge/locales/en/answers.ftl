answers-uncertain = Not confirmed:
answers-clause = Clause: { $clauses }
answers-sources = Sources:
answers-verified = Last verified: { $date }
