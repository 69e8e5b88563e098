import Init.Data.List.Basic

theorem reverse_reverse' (xs : List Nat) : xs.reverse.reverse = xs := by
  simp
