package dev.comet.fri;

import java.util.Arrays;

/**
 * The shape of one FRI proof over several functions of different sizes (mixed-degree batching):
 * the committed layers, how much each folds, and where the smaller functions join.
 *
 * <p>All functions share one rate {@code 2^-logRate}: a function on a domain of {@code 2^L}
 * points is claimed to have degree below {@code 2^(L - logRate)}. The first layer is the largest
 * domain. A smaller function joins (is added to the folded values) at the layer whose domain is
 * its own, so folding steps are cut short where needed to land on it: each step folds by the
 * options' factor, or less when a smaller domain comes first. Folding stops once the degree bound
 * is at most the remainder size and every function has joined; the functions of the last domain
 * join the remainder.
 *
 * <p>Domains must be nested images: the domain of {@code 2^L} points is {@code s^(2^(L0 - L))}
 * times the subgroup, where {@code s} is the first layer's coset shift, which is what folding
 * produces.
 *
 * @param logRate      log2 of the inverse rate
 * @param logDomains   log2 of each committed layer's domain size, first the largest
 * @param logFolds     log2 of each committed layer's folding factor
 * @param logFinal     log2 of the domain of the remainder
 * @param joins        the sorted, distinct log2 domain sizes at which functions join
 */
public record FriLayout(int logRate, int[] logDomains, int[] logFolds, int logFinal, int[] joins) {
    public FriLayout {
        logDomains = logDomains.clone();
        logFolds = logFolds.clone();
        joins = joins.clone();
    }

    /**
     * @param logDomainSizes log2 of every function's domain size (any order, repeats allowed)
     */
    public static FriLayout of(FriOptions options, int logRate, int... logDomainSizes) {
        int[] joins = Arrays.stream(logDomainSizes).distinct().sorted().toArray();
        if (joins.length == 0) {
            throw new IllegalArgumentException("FRI needs at least one function");
        }
        if (joins[0] < logRate) {
            throw new IllegalArgumentException("a domain of 2^" + joins[0] + " points holds no polynomial at rate 2^-"
                    + logRate);
        }
        int logFactor = Integer.numberOfTrailingZeros(options.foldingFactor());
        int logRemainder = Integer.numberOfTrailingZeros(options.remainderSize());
        int smallest = joins[0];
        int current = joins[joins.length - 1];
        int[] domains = new int[64];
        int[] folds = new int[64];
        int layers = 0;
        while (current - logRate > logRemainder || current > smallest) {
            int next = current - logFactor;
            for (int j = joins.length - 1; j >= 0; j--) {
                if (joins[j] < current) {
                    next = Math.max(next, joins[j]);
                    break;
                }
            }
            // Never fold below a degree bound of 1.
            next = Math.max(next, logRate);
            domains[layers] = current;
            folds[layers] = current - next;
            layers++;
            current = next;
        }
        return new FriLayout(logRate, Arrays.copyOf(domains, layers), Arrays.copyOf(folds, layers), current, joins);
    }

    public int numLayers() {
        return logDomains.length;
    }

    public int logTopDomain() {
        return logDomains.length == 0 ? logFinal : logDomains[0];
    }

    /** Coefficients of the remainder polynomial: the degree bound on the last domain. */
    public int remainderDegreeBound() {
        return 1 << (logFinal - logRate);
    }

    /** Whether functions of {@code 2^logDomain} points join this proof. */
    public boolean joinsAt(int logDomain) {
        return Arrays.binarySearch(joins, logDomain) >= 0;
    }

    /** The largest folding factor of any layer, for bounding a proof's declared counts. */
    public int maxFoldingFactor() {
        return Arrays.stream(logFolds).map(f -> 1 << f).max().orElse(1);
    }
}
