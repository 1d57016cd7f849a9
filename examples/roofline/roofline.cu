// Roofline: one elementwise kernel whose arithmetic intensity is set by a parameter K. Each thread
// loads a float4 (16 bytes), applies K fused multiply-adds to each of its four floats in registers
// and stores the float4 (16 bytes): 2K FLOPs per 8 bytes of DRAM traffic, so K/4 FLOP per byte.
// With small K the FP32 units wait for memory (memory-bound); with large K memory waits for the
// FP32 units (compute-bound). The bend lies near the machine balance, peak FLOP/s over peak bytes/s.
#include <cmath>
#include <string>
#include <vector>
#include "../common.cuh"

__global__ void fma_chain(const float4* __restrict__ in, float4* __restrict__ out, int n4, int k,
                          float a, float b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n4) return;
  float4 v = in[i];
#pragma unroll 32
  for (int j = 0; j < k; ++j) {  // four independent chains (x, y, z, w), so FMA latency is hidden
    v.x = fmaf(v.x, a, b);
    v.y = fmaf(v.y, a, b);
    v.z = fmaf(v.z, a, b);
    v.w = fmaf(v.w, a, b);
  }
  out[i] = v;  // the result depends on every FMA, so none can be dropped
}

__global__ void copy(const float4* __restrict__ in, float4* __restrict__ out, int n4) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n4) out[i] = in[i];
}

int main() {
  const int n = 1 << 28, n4 = n / 4;  // 2^28 floats: 1 GiB in, 1 GiB out
  const size_t bytes = size_t(n) * sizeof(float);
  const float a = 1.0f - 1.0f / 1024, b = 1.0f / 1024;  // x -> a*x + b: stays in [-1, 1]
  std::vector<float> h(n);
  for (int e = 0; e < n; ++e) h[e] = float((e & 2047) - 1024) / 1024;  // exact in FP32
  float *in, *out;
  CHECK(cudaMalloc(&in, bytes));
  CHECK(cudaMalloc(&out, bytes));
  CHECK(cudaMemcpy(in, h.data(), bytes, cudaMemcpyHostToDevice));
  const int block = 256, grid = n4 / block;
  const float4 *in4 = reinterpret_cast<const float4*>(in);
  float4* out4 = reinterpret_cast<float4*>(out);

  // Spot check: 4,096 outputs spaced 65,537 floats apart (so all four float4 lanes are sampled),
  // each compared bit for bit with K correctly rounded FMAs on the CPU (std::fma).
  const int samples = 4096, spacing = 65537;
  std::vector<float> got(samples);
  bool correct = true;
  auto check = [&](int k) {
    CHECK(cudaMemcpy2D(got.data(), sizeof(float), out, spacing * sizeof(float), sizeof(float),
                       samples, cudaMemcpyDeviceToHost));
    for (int s = 0; s < samples; ++s) {
      float x = h[size_t(s) * spacing];
      for (int j = 0; j < k; ++j) x = std::fma(x, a, b);
      if (x != got[s]) correct = false;
    }
  };

  std::string rows;
  char buf[256];
  CHECK(cudaMemset(out, 0, bytes));
  float ms = time_ms([&] { copy<<<grid, block>>>(in4, out4, n4); });
  CHECK(cudaGetLastError());
  check(0);
  std::snprintf(buf, sizeof buf, "{\"kernel\": \"copy\", \"flops_per_byte\": 0, \"ms\": %.4f, "
                "\"fp32_gflops\": 0, \"gbps\": %.1f}", ms, 2.0 * bytes / (ms * 1e-3) / 1e9);
  rows += buf;
  for (int k = 1; k <= 1024; k *= 2) {
    CHECK(cudaMemset(out, 0, bytes));
    ms = time_ms([&] { fma_chain<<<grid, block>>>(in4, out4, n4, k, a, b); });
    CHECK(cudaGetLastError());
    check(k);
    double flops = 2.0 * k * n, moved = 2.0 * bytes;  // one FMA = 2 FLOPs; read + write
    std::snprintf(buf, sizeof buf, ", {\"kernel\": \"fma x %d\", \"flops_per_byte\": %.4g, "
                  "\"ms\": %.4f, \"fp32_gflops\": %.1f, \"gbps\": %.1f}", k, flops / moved, ms,
                  flops / (ms * 1e-3) / 1e9, moved / (ms * 1e-3) / 1e9);
    rows += buf;
  }
  CHECK(cudaFree(in));
  CHECK(cudaFree(out));
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"elements\": %d, \"memcpy_d2d_gbps\": %.1f, \"rows\": [%s]}\n",
              correct ? "true" : "false", n, memcpy_d2d_gbps(bytes), rows.c_str());
  return correct ? 0 : 1;
}
