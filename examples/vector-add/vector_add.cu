// Vector add: one thread per element. Shows the thread hierarchy (grid of blocks of threads,
// each thread computing its global index) and a kernel that is purely memory-bound.
#include "../common.cuh"

__global__ void vector_add(const float* __restrict__ a, const float* __restrict__ b,
                           float* __restrict__ c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;  // this thread's element
  if (i < n) c[i] = a[i] + b[i];                  // the last block may be partly idle
}

int main() {
  const int n = 1 << 28;  // 268M floats: 1 GiB per array, far larger than any L2 cache
  const size_t bytes = size_t(n) * sizeof(float);
  float *a, *b, *c;
  CHECK(cudaMalloc(&a, bytes));
  CHECK(cudaMalloc(&b, bytes));
  CHECK(cudaMalloc(&c, bytes));
  float* h = (float*)std::malloc(bytes);
  for (int i = 0; i < n; ++i) h[i] = float(i % 1000);
  CHECK(cudaMemcpy(a, h, bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(b, h, bytes, cudaMemcpyHostToDevice));

  const int block = 256;
  const int grid = (n + block - 1) / block;
  float ms = time_ms([&] { vector_add<<<grid, block>>>(a, b, c, n); });
  CHECK(cudaGetLastError());

  CHECK(cudaMemcpy(h, c, bytes, cudaMemcpyDeviceToHost));
  long bad = 0;
  for (int i = 0; i < n; ++i) bad += h[i] != 2.0f * float(i % 1000);

  double gbps = 3.0 * bytes / (ms * 1e-3) / 1e9;  // two reads and one write per element
  double copy = memcpy_d2d_gbps(bytes);
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"elements\": %d, \"block\": %d, \"grid\": %d, "
              "\"kernel_ms\": %.4f, \"kernel_gbps\": %.1f, \"memcpy_d2d_gbps\": %.1f}\n",
              bad == 0 ? "true" : "false", n, block, grid, ms, gbps, copy);
  return bad == 0 ? 0 : 1;
}
