/*
 * The bench's native baseline for figure 6: RAID-6 P and Q in plain C, 64-bit SWAR words, as Linux's int.uc
 * ("int64") computes them: P and Q of a word kept in registers over the disks. Same bytes as the JavaScript run.
 * Usage: raid6-swar <data disks> <unit bytes> <runs>; prints the MB/s of the fastest run and a checksum of Q.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t mul2(uint64_t v) {
  uint64_t hi = v & 0x8080808080808080ULL;
  return ((v << 1) & 0xfefefefefefefefeULL) ^ (((hi << 1) - (hi >> 7)) & 0x1d1d1d1d1d1d1d1dULL);
}

static void pq(uint64_t **d, int disks, uint64_t *p, uint64_t *q, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint64_t wp = d[disks - 1][i], wq = wp;
    for (int z = disks - 2; z >= 0; z--) {
      uint64_t w = d[z][i];
      wp ^= w;
      wq = mul2(wq) ^ w;
    }
    p[i] = wp;
    q[i] = wq;
  }
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  int disks = atoi(argv[1]), runs = atoi(argv[3]);
  size_t unit = (size_t)atol(argv[2]);
  if (disks < 1 || runs < 1 || unit % 8) return 2;
  uint64_t **d = malloc(sizeof *d * disks);
  for (int z = 0; z < disks; z++) {
    uint8_t *b = malloc(unit);
    for (size_t i = 0; i < unit; i++) b[i] = (uint8_t)((i * 31 + z * 7) & 0xff);
    d[z] = (uint64_t *)b;
  }
  uint64_t *p = malloc(unit), *q = malloc(unit);
  double *ms = malloc(sizeof *ms * runs);
  for (int r = 0; r < 5; r++) pq(d, disks, p, q, unit / 8);
  for (int r = 0; r < runs; r++) {
    double t = now_ms();
    pq(d, disks, p, q, unit / 8);
    ms[r] = now_ms() - t;
  }
  qsort(ms, runs, sizeof *ms, by_value);
  uint32_t sum = 0;
  for (size_t i = 0; i < unit; i++) sum = sum * 31 + ((uint8_t *)q)[i];
  printf("%.1f %u\n", disks * (double)unit / 1e6 / (ms[0] / 1000), sum);
  return 0;
}
