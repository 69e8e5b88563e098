-- n + 0 reduces to n by the definition of addition.
theorem add_zero' (n : Nat) : n + 0 = n := rfl
