// Kernel fusion: y = max(x * a + b, 0) over 2^28 floats, as three elementwise kernels (each
// reading and writing the whole array) and as one fused kernel that reads x once and writes y once.
#include "../common.cuh"

__global__ void scale(const float* x, float* t, float a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) t[i] = x[i] * a;
}
__global__ void shift(const float* t, float* u, float b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) u[i] = t[i] + b;
}
__global__ void relu(const float* u, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) y[i] = fmaxf(u[i], 0.f);
}
__global__ void fused(const float* x, float* y, float a, float b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = fmaxf(x[i] * a + b, 0.f);  // one read, one write; the temporaries stay in registers
}

int main() {
  const int n = 1 << 28;
  const size_t bytes = size_t(n) * 4;
  float *x, *t, *u, *y1, *y2;
  CHECK(cudaMalloc(&x, bytes)); CHECK(cudaMalloc(&t, bytes)); CHECK(cudaMalloc(&u, bytes));
  CHECK(cudaMalloc(&y1, bytes)); CHECK(cudaMalloc(&y2, bytes));
  float* h = (float*)std::malloc(bytes);
  for (int i = 0; i < n; ++i) h[i] = float(i % 17) - 8.0f;
  CHECK(cudaMemcpy(x, h, bytes, cudaMemcpyHostToDevice));
  const int blk = 256, grd = (n + blk - 1) / blk;
  const float a = 0.5f, b = 1.0f;
  float ms_u = time_ms([&] {
    scale<<<grd, blk>>>(x, t, a, n); shift<<<grd, blk>>>(t, u, b, n); relu<<<grd, blk>>>(u, y1, n);
  }, 9);
  float ms_f = time_ms([&] { fused<<<grd, blk>>>(x, y2, a, b, n); }, 9);
  CHECK(cudaGetLastError());
  float* h2 = (float*)std::malloc(bytes);
  CHECK(cudaMemcpy(h, y1, bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(h2, y2, bytes, cudaMemcpyDeviceToHost));
  long bad = 0;
  for (int i = 0; i < n; ++i) bad += h[i] != h2[i];
  // Bytes the GPU must move: unfused 3 kernels x (read + write); fused 1 x (read + write).
  double gb_u = 6.0 * bytes / 1e9, gb_f = 2.0 * bytes / 1e9;
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"table\": {\"columns\": [\"version\", \"time (ms)\", \"GB moved\", "
              "\"GB/s\"], \"rows\": [[\"three kernels\", %.3f, %.2f, %.0f], [\"one fused kernel\", %.3f, %.2f, %.0f]]}, "
              "\"unfused_gbps\": %.1f, \"fused_gbps\": %.1f, \"memcpy_d2d_gbps\": %.1f}\n",
              bad == 0 ? "true" : "false", ms_u, gb_u, gb_u / (ms_u * 1e-3), ms_f, gb_f,
              gb_f / (ms_f * 1e-3), gb_u / (ms_u * 1e-3), gb_f / (ms_f * 1e-3), memcpy_d2d_gbps(bytes));
  return bad == 0 ? 0 : 1;
}
