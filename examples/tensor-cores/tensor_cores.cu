// Tensor Cores vs CUDA cores: the same 4096x4096x4096 matrix product, once in FP32 on the CUDA
// cores (32x32 shared-memory tiles) and once with FP16 inputs and FP32 accumulation on the Tensor
// Cores through the warp-level WMMA API (one 16x16 tile of C per warp, operands from global
// memory: simple, not tuned). The inputs are -1, 0 and 1, so both results are exact and equal.
#include <cuda_fp16.h>
#include <mma.h>
#include "../common.cuh"
using namespace nvcuda;
#define T 32

__global__ void sgemm_tiled(const float* A, const float* B, float* C, int n) {
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

__global__ void hgemm_wmma(const half* A, const half* B, float* C, int n) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int tiles = n / 16;
  int tr = warp / tiles, tc = warp % tiles;  // this warp's 16x16 tile of C
  wmma::fragment<wmma::matrix_a, 16, 16, 16, half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> fc;
  wmma::fill_fragment(fc, 0.0f);
  for (int k = 0; k < n; k += 16) {
    wmma::load_matrix_sync(fa, A + tr * 16 * n + k, n);
    wmma::load_matrix_sync(fb, B + k * n + tc * 16, n);
    wmma::mma_sync(fc, fa, fb, fc);  // D = A x B + C on the Tensor Cores
  }
  wmma::store_matrix_sync(C + tr * 16 * n + tc * 16, fc, n, wmma::mem_row_major);
}

int main() {
  const int n = 4096;
  const size_t cnt = size_t(n) * n;
  float *A, *B, *C1, *C2;
  half *Ah, *Bh;
  CHECK(cudaMalloc(&A, cnt * 4)); CHECK(cudaMalloc(&B, cnt * 4));
  CHECK(cudaMalloc(&C1, cnt * 4)); CHECK(cudaMalloc(&C2, cnt * 4));
  CHECK(cudaMalloc(&Ah, cnt * 2)); CHECK(cudaMalloc(&Bh, cnt * 2));
  float* h = (float*)std::malloc(cnt * 4);
  half* hh = (half*)std::malloc(cnt * 2);
  for (size_t i = 0; i < cnt; ++i) { h[i] = float(int(i % 3) - 1); hh[i] = __float2half(h[i]); }
  CHECK(cudaMemcpy(A, h, cnt * 4, cudaMemcpyHostToDevice)); CHECK(cudaMemcpy(B, h, cnt * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(Ah, hh, cnt * 2, cudaMemcpyHostToDevice)); CHECK(cudaMemcpy(Bh, hh, cnt * 2, cudaMemcpyHostToDevice));
  dim3 blk(T, T), grd(n / T, n / T);
  float ms_f = time_ms([&] { sgemm_tiled<<<grd, blk>>>(A, B, C1, n); }, 5);
  int warps = (n / 16) * (n / 16);
  float ms_t = time_ms([&] { hgemm_wmma<<<warps / 4, 128>>>(Ah, Bh, C2, n); }, 5);
  CHECK(cudaGetLastError());
  float* h2 = (float*)std::malloc(cnt * 4);
  CHECK(cudaMemcpy(h, C1, cnt * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(h2, C2, cnt * 4, cudaMemcpyDeviceToHost));
  long bad = 0;
  for (size_t i = 0; i < cnt; ++i) bad += h[i] != h2[i];
  double flop = 2.0 * n * double(n) * n;
  double gf = flop / (ms_f * 1e-3) / 1e9, gt = flop / (ms_t * 1e-3) / 1e9;
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"table\": {\"columns\": [\"kernel\", \"time (ms)\", \"TFLOP/s\"], \"rows\": ["
              "[\"FP32 on CUDA cores, shared-memory tiles\", %.2f, %.1f], "
              "[\"FP16 in, FP32 accumulate, Tensor Cores via WMMA\", %.2f, %.1f]]}, "
              "\"fp32_gflops\": %.0f, \"tensor_fp16_gflops\": %.0f}\n",
              bad == 0 ? "true" : "false", ms_f, gf / 1e3, ms_t, gt / 1e3, gf, gt);
  return bad == 0 ? 0 : 1;
}
