// L2 cliff: one kernel reads a buffer of S bytes over and over and sums it. Each launch reads
// about 16 GiB in total, split into whole passes over the working set, and spreads every pass
// over all threads. The loads use __ldcg, which caches in L2 but not in L1, so a working set that
// fits in the L2 is served from it, and one that does not streams from HBM on every pass.
#include <algorithm>
#include <string>
#include <vector>
#include "../common.cuh"

__global__ void read_sum(const float4* __restrict__ buf, unsigned n4, unsigned total,
                         unsigned step, float* __restrict__ partial) {
  // Load number i (0 <= i < total = passes * n4) reads float4 number i mod n4; thread t makes
  // loads t, t + stride, t + 2 * stride ... and j tracks i mod n4 without a division.
  unsigned t = blockIdx.x * blockDim.x + threadIdx.x, stride = gridDim.x * blockDim.x;
  unsigned i = t, j = t % n4;
  float4 acc = make_float4(0.f, 0.f, 0.f, 0.f);
  for (; i + 3 * stride < total; i += 4 * stride) {  // four independent loads in flight
    float4 v[4];
#pragma unroll
    for (int u = 0; u < 4; ++u) {
      v[u] = __ldcg(buf + j);  // ld.global.cg: cached in L2, not in L1
      j += step;               // step = stride mod n4
      if (j >= n4) j -= n4;
    }
#pragma unroll
    for (int u = 0; u < 4; ++u) {
      acc.x += v[u].x; acc.y += v[u].y; acc.z += v[u].z; acc.w += v[u].w;
    }
  }
  for (; i < total; i += stride) {  // the last few loads, one at a time
    float4 v = __ldcg(buf + j);
    acc.x += v.x; acc.y += v.y; acc.z += v.z; acc.w += v.w;
    j += step;
    if (j >= n4) j -= n4;
  }
  partial[t] = (acc.x + acc.y) + (acc.z + acc.w);  // written out, so no load can be dropped
}

// Small integers 0..7, so every partial sum is an integer below 2^24 and exact in FP32.
__host__ __device__ inline unsigned value(unsigned e) { return (e * 2654435761u) >> 29; }

__global__ void fill(float* buf, unsigned n) {
  for (unsigned e = blockIdx.x * blockDim.x + threadIdx.x; e < n; e += gridDim.x * blockDim.x)
    buf[e] = float(value(e));
}

int main() {
  const size_t mib[] = {1, 2, 4, 8, 16, 24, 32, 40, 48, 64, 96, 128, 256, 512, 1024, 2048};
  const int sizes = sizeof(mib) / sizeof(mib[0]);
  const size_t max_bytes = mib[sizes - 1] << 20;
  int dev = 0, sms = 0, l2 = 0, per_sm = 0;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev));
  CHECK(cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, dev));
  const double memcpy_gbps = memcpy_d2d_gbps(size_t(1) << 30);  // before the 2 GiB buffer exists

  const int block = 256;
  CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, read_sum, block, 0));
  const int grid = per_sm * sms;  // one full wave of resident blocks
  const unsigned threads = unsigned(grid) * block;
  float *buf, *partial;
  CHECK(cudaMalloc(&buf, max_bytes));
  CHECK(cudaMalloc(&partial, threads * sizeof(float)));
  const float4* buf4 = reinterpret_cast<const float4*>(buf);
  fill<<<sms * 8, 256>>>(buf, unsigned(max_bytes / 4));
  CHECK(cudaGetLastError());
  std::vector<float> got(threads);

  std::string rows;
  char line[256];
  bool correct = true;
  unsigned long long prefix = 0;  // exact sum of the first n floats of the buffer
  unsigned counted = 0;
  for (int s = 0; s < sizes; ++s) {
    const size_t bytes = mib[s] << 20;
    const unsigned n = unsigned(bytes / 4), n4 = n / 4;
    const unsigned passes = ((1u << 30) + n4 / 2) / n4;  // about 2^30 float4 loads = 16 GiB
    const unsigned total = passes * n4, step = threads % n4;
    for (; counted < n; ++counted) prefix += value(counted);
    float ms = time_ms([&] { read_sum<<<grid, block>>>(buf4, n4, total, step, partial); });
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(got.data(), partial, threads * sizeof(float), cudaMemcpyDeviceToHost));
    unsigned long long sum = 0;
    for (float p : got) sum += (unsigned long long)p;
    if (sum != prefix * passes) correct = false;
    const double read = double(total) * 16;
    std::snprintf(line, sizeof line, "%s{\"working_set\": \"%zu %s\", \"bytes\": %zu, "
                  "\"fits_on_chip\": %s, \"l2_fraction\": %.4f, \"passes\": %u, \"ms\": %.4f, \"gbps\": %.1f}",
                  s ? ", " : "", mib[s] >= 1024 ? mib[s] >> 10 : mib[s], mib[s] >= 1024 ? "GiB" : "MiB",
                  bytes, bytes <= size_t(l2) ? "true" : "false", std::min(1.0, double(l2) / double(bytes)), passes, ms, read / (ms * 1e-3) / 1e9);
    rows += line;
  }
  CHECK(cudaFree(buf));
  CHECK(cudaFree(partial));
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"l2_bytes\": %d, \"memcpy_d2d_gbps\": %.1f, \"rows\": [%s]}\n",
              correct ? "true" : "false", l2, memcpy_gbps, rows.c_str());
  return correct ? 0 : 1;
}
