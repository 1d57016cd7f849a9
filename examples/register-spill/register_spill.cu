// Register spilling: the same kernel compiled twice, once free to use the registers it wants
// and once capped by __launch_bounds__ so that ptxas must spill values to local memory (STL/LDL).
#include "../common.cuh"

#define WORK(OUT)                                                      \
  float v[48];                                                         \
  for (int k = 0; k < 48; ++k) v[k] = in[(i + k * 977) % n];           \
  float acc = 0.f;                                                     \
  for (int r = 0; r < 8; ++r)                                          \
    for (int k = 0; k < 48; ++k) acc += v[k] * v[(k + r + 1) % 48];    \
  OUT[i] = acc;

__global__ void roomy(const float* __restrict__ in, float* __restrict__ out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  WORK(out)
}

__global__ void __launch_bounds__(1024, 2) squeezed(const float* __restrict__ in,
                                                     float* __restrict__ out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;  // 2 blocks of 1024 threads per SM: <= 32 regs
  if (i >= n) return;
  WORK(out)
}

int main() {
  const int n = 1 << 22;
  float *in, *a, *b;
  CHECK(cudaMalloc(&in, n * sizeof(float)));
  CHECK(cudaMalloc(&a, n * sizeof(float)));
  CHECK(cudaMalloc(&b, n * sizeof(float)));
  float* h = (float*)std::malloc(n * sizeof(float));
  for (int i = 0; i < n; ++i) h[i] = float(i % 7) * 0.25f;
  CHECK(cudaMemcpy(in, h, n * sizeof(float), cudaMemcpyHostToDevice));
  cudaFuncAttributes fa, fb;
  CHECK(cudaFuncGetAttributes(&fa, roomy));
  CHECK(cudaFuncGetAttributes(&fb, squeezed));
  float ms_a = time_ms([&] { roomy<<<n / 256, 256>>>(in, a, n); });
  float ms_b = time_ms([&] { squeezed<<<n / 1024, 1024>>>(in, b, n); });
  CHECK(cudaGetLastError());
  float* ha = (float*)std::malloc(n * sizeof(float));
  CHECK(cudaMemcpy(ha, a, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(h, b, n * sizeof(float), cudaMemcpyDeviceToHost));
  long bad = 0;
  for (int i = 0; i < n; ++i) bad += ha[i] != h[i];
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"table\": {\"columns\": [\"kernel\", \"registers per thread\", "
              "\"local memory per thread (bytes)\", \"time (ms)\"], \"rows\": ["
              "[\"roomy\", %d, %zu, %.4f], [\"squeezed: __launch_bounds__(1024, 2)\", %d, %zu, %.4f]]}}\n",
              bad == 0 ? "true" : "false", fa.numRegs, fa.localSizeBytes, ms_a, fb.numRegs,
              fb.localSizeBytes, ms_b);
  return bad == 0 ? 0 : 1;
}
