package dev.leanverify.stats;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): with n samples of a problem of which c
 * passed, the probability that at least one of k samples drawn without replacement passes,
 * {@code 1 - C(n-c, k) / C(n, k)}, computed as a product so large n does not overflow.
 */
public final class PassAtKEstimator {
    private PassAtKEstimator() {
    }

    /**
     * @throws IllegalArgumentException when k &lt; 1, c is outside [0, n], or n &lt; k (undefined: a
     *                                  problem with fewer than k samples does not take part)
     */
    public static double estimate(long n, long c, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (c < 0 || c > n) {
            throw new IllegalArgumentException("passed samples must be in [0, " + n + "], got " + c);
        }
        if (n < k) {
            throw new IllegalArgumentException("pass@" + k + " needs at least " + k + " samples, got " + n);
        }
        if (n - c < k) {
            return 1.0;
        }
        // C(n-c, k) / C(n, k) = prod_{i = n-c+1}^{n} (1 - k / i)
        double fail = 1.0;
        for (long i = n - c + 1; i <= n; i++) {
            fail *= 1.0 - (double) k / i;
        }
        return 1.0 - fail;
    }
}
