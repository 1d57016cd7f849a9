// Latency by pointer chasing: one thread follows a random cycle of pointers through a buffer, so
// each load depends on the previous one and nothing can overlap. As the buffer outgrows the L1
// (256 KB per SM with shared memory on H100) and then the L2 (50 MB on H100 SXM), each step takes
// longer: the curve shows the memory hierarchy's latencies and the L2 working-set cliff.
// (`sink` holds the chain's cursor between passes.)
#include <vector>
#include <random>
#include <algorithm>
#include "../common.cuh"

__global__ void chase(const unsigned* __restrict__ next, unsigned* __restrict__ cursor, int steps,
                      long long* __restrict__ cycles) {
  unsigned p = *cursor;  // where the previous pass stopped
  long long t0 = clock64();
  for (int s = 0; s < steps; ++s) p = next[p];  // each load waits for the one before
  long long t1 = clock64();
  *cursor = p;                                  // the next pass continues from here
  *cycles = t1 - t0;
}

int main() {
  const size_t sizes_kb[] = {16, 64, 128, 512, 4096, 16384, 32768, 65536, 262144, 1048576};
  const int steps = 1 << 16;
  int clock_khz = 0;
  CHECK(cudaDeviceGetAttribute(&clock_khz, cudaDevAttrClockRate, 0));
  unsigned *next, *sink;
  long long* cyc;
  CHECK(cudaMalloc(&next, sizes_kb[9] * 1024));
  CHECK(cudaMalloc(&sink, sizeof(unsigned)));
  CHECK(cudaMalloc(&cyc, sizeof(long long)));
  std::mt19937 rng(42);
  std::printf("{");
  print_device_json();
  std::printf(", \"sm_clock_khz\": %d, \"table\": {\"columns\": [\"working set\", \"cycles per load\", "
              "\"ns per load at the max SM clock\"], \"rows\": [", clock_khz);
  for (int k = 0; k < 10; ++k) {
    // A random single cycle over one element per 128-byte line, so every step is a new line.
    size_t lines = sizes_kb[k] * 1024 / 128;
    std::vector<unsigned> order(lines), host(lines * 32, 0);
    for (size_t i = 0; i < lines; ++i) order[i] = unsigned(i);
    std::shuffle(order.begin() + 1, order.end(), rng);
    for (size_t i = 0; i < lines; ++i) host[order[i] * 32] = order[(i + 1) % lines] * 32;
    CHECK(cudaMemcpy(next, host.data(), lines * 128, cudaMemcpyHostToDevice));
    CHECK(cudaMemset(sink, 0, sizeof(unsigned)));
    // Warm-up: one full lap of the cycle, so every line of the working set has been touched;
    // then a measured pass that continues along the chain. What fits in a cache is now cached;
    // what does not has been evicted by the rest of the lap and comes from further out.
    chase<<<1, 1>>>(next, sink, int(lines), cyc);
    CHECK(cudaDeviceSynchronize());
    chase<<<1, 1>>>(next, sink, steps, cyc);
    long long c = 0;
    CHECK(cudaMemcpy(&c, cyc, sizeof(c), cudaMemcpyDeviceToHost));
    double per = double(c) / steps;
    std::printf("%s[\"%zu KiB\", %.1f, %.1f]", k ? ", " : "", sizes_kb[k], per, per / (clock_khz * 1e-6));
  }
  std::printf("]}}\n");
  return 0;
}
