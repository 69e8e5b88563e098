-- 2 + 2 is not 5: decide evaluates the claim and refutes it.
-- sim: error Tactic `decide` proved that the proposition 2 + 2 = 5 is false
theorem bad_sum : 2 + 2 = 5 := by decide
