-- A proof the simulated REPL spends real CPU on, like a slower Lean proof.
-- sim: cost 400
theorem succ_pos' (n : Nat) : 0 < n + 1 := by
  omega
