// Tiled matrix multiply: a naive kernel reads every operand from global memory; the tiled one
// loads 32x32 tiles of A and B into shared memory once per block and reuses each value 32 times.
#include "../common.cuh"
#define T 32

__global__ void naive(const float* A, const float* B, float* C, int n) {
  int r = blockIdx.y * T + threadIdx.y, c = blockIdx.x * T + threadIdx.x;
  float acc = 0.f;
  for (int k = 0; k < n; ++k) acc += A[r * n + k] * B[k * n + c];
  C[r * n + c] = acc;
}

__global__ void tiled(const float* A, const float* B, float* C, int n) {
  __shared__ float a[T][T], b[T][T];
  int r = blockIdx.y * T + threadIdx.y, c = blockIdx.x * T + threadIdx.x;
  float acc = 0.f;
  for (int t = 0; t < n; t += T) {
    a[threadIdx.y][threadIdx.x] = A[r * n + t + threadIdx.x];
    b[threadIdx.y][threadIdx.x] = B[(t + threadIdx.y) * n + c];
    __syncthreads();
    for (int k = 0; k < T; ++k) acc += a[threadIdx.y][k] * b[k][threadIdx.x];
    __syncthreads();
  }
  C[r * n + c] = acc;
}

int main() {
  const int n = 4096;
  const size_t bytes = size_t(n) * n * sizeof(float);
  float *A, *B, *C1, *C2;
  CHECK(cudaMalloc(&A, bytes)); CHECK(cudaMalloc(&B, bytes));
  CHECK(cudaMalloc(&C1, bytes)); CHECK(cudaMalloc(&C2, bytes));
  float* h = (float*)std::malloc(bytes);
  for (size_t i = 0; i < size_t(n) * n; ++i) h[i] = float(i % 3) - 1.0f;  // -1, 0, 1: exact sums
  CHECK(cudaMemcpy(A, h, bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(B, h, bytes, cudaMemcpyHostToDevice));
  dim3 block(T, T), grid(n / T, n / T);
  float ms_n = time_ms([&] { naive<<<grid, block>>>(A, B, C1, n); }, 5);
  float ms_t = time_ms([&] { tiled<<<grid, block>>>(A, B, C2, n); }, 5);
  CHECK(cudaGetLastError());
  float* h2 = (float*)std::malloc(bytes);
  CHECK(cudaMemcpy(h, C1, bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(h2, C2, bytes, cudaMemcpyDeviceToHost));
  long bad = 0;
  for (size_t i = 0; i < size_t(n) * n; ++i) bad += h[i] != h2[i];
  double flop = 2.0 * n * n * double(n);
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"table\": {\"columns\": [\"kernel\", \"time (ms)\", \"TFLOP/s (FP32)\"], "
              "\"rows\": [[\"naive\", %.2f, %.2f], [\"tiled, 32x32 in shared memory\", %.2f, %.2f]]}, "
              "\"naive_fp32_gflops\": %.1f, \"tiled_fp32_gflops\": %.1f}\n", bad == 0 ? "true" : "false",
              ms_n, flop / (ms_n * 1e-3) / 1e12, ms_t, flop / (ms_t * 1e-3) / 1e12,
              flop / (ms_n * 1e-3) / 1e9, flop / (ms_t * 1e-3) / 1e9);
  return bad == 0 ? 0 : 1;
}
