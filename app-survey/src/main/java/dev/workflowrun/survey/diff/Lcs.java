package dev.workflowrun.survey.diff;

/**
 * The length of the longest common subsequence of two sequences of interned lines, by Myers'
 * O((N+M)D) greedy algorithm after trimming the common head and tail. Wrappers of one family differ
 * in a few lines, so D is small and a comparison costs little more than reading both once.
 */
final class Lcs {

    private Lcs() {
    }

    static int length(int[] a, int[] b) {
        int head = 0;
        int limit = Math.min(a.length, b.length);
        while (head < limit && a[head] == b[head]) {
            head++;
        }
        int tail = 0;
        while (tail < limit - head && a[a.length - 1 - tail] == b[b.length - 1 - tail]) {
            tail++;
        }
        int n = a.length - head - tail;
        int m = b.length - head - tail;
        return head + tail + middle(a, head, n, b, head, m);
    }

    /** LCS of a[aFrom, aFrom+n) and b[bFrom, bFrom+m): (n + m - D) / 2 for the shortest edit script's D. */
    private static int middle(int[] a, int aFrom, int n, int[] b, int bFrom, int m) {
        if (n == 0 || m == 0) {
            return 0;
        }
        int max = n + m;
        int[] v = new int[2 * max + 2];
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
                    x = v[max + k + 1];
                } else {
                    x = v[max + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a[aFrom + x] == b[bFrom + y]) {
                    x++;
                    y++;
                }
                v[max + k] = x;
                if (x >= n && y >= m) {
                    return (n + m - d) / 2;
                }
            }
        }
        return 0;
    }
}
