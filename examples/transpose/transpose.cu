// Matrix transpose, 8192 x 8192 floats, three ways. Each block handles one 32x32 tile with 32x8
// threads, four elements per thread. naive reads rows (coalesced) and writes columns (each warp's
// 32 stores land in 32 different rows). The tiled kernels stage the tile in shared memory so that
// both the global read and the global write run along rows; reading the tile back down a column
// then makes the 32 lanes of a warp hit one shared-memory bank (row stride 32 floats = 128 bytes)
// unless each row is padded to 33 floats, which shifts consecutive rows by one bank.
#include <vector>
#include "../common.cuh"
#define T 32  // tile width
#define R 8   // rows of threads per block

__global__ void naive(const float* __restrict__ in, float* __restrict__ out, int n) {
  int x = blockIdx.x * T + threadIdx.x, y = blockIdx.y * T + threadIdx.y;
  for (int r = 0; r < T; r += R) out[size_t(x) * n + y + r] = in[size_t(y + r) * n + x];
}

template <int PAD>
__device__ void tile_transpose(const float* __restrict__ in, float* __restrict__ out, int n) {
  __shared__ float tile[T][T + PAD];
  int x = blockIdx.x * T + threadIdx.x, y = blockIdx.y * T + threadIdx.y;
  for (int r = 0; r < T; r += R) tile[threadIdx.y + r][threadIdx.x] = in[size_t(y + r) * n + x];
  __syncthreads();
  x = blockIdx.y * T + threadIdx.x;  // the transposed tile's position
  y = blockIdx.x * T + threadIdx.y;
  for (int r = 0; r < T; r += R) out[size_t(y + r) * n + x] = tile[threadIdx.x][threadIdx.y + r];
}

__global__ void tiled(const float* __restrict__ in, float* __restrict__ out, int n) {
  tile_transpose<0>(in, out, n);  // tile[32][32]: the column read is a 32-way bank conflict
}

__global__ void tiled_padded(const float* __restrict__ in, float* __restrict__ out, int n) {
  tile_transpose<1>(in, out, n);  // tile[32][33]: the 32 lanes read 32 different banks
}

int main() {
  const int n = 8192;
  const size_t count = size_t(n) * n, bytes = count * sizeof(float);  // 256 MiB per matrix
  std::vector<float> h(count), back(count);
  for (size_t i = 0; i < count; ++i) h[i] = float(i % 16777213);  // distinct within 2,048 rows
  float *in, *out;
  CHECK(cudaMalloc(&in, bytes));
  CHECK(cudaMalloc(&out, bytes));
  CHECK(cudaMemcpy(in, h.data(), bytes, cudaMemcpyHostToDevice));
  dim3 block(T, R), grid(n / T, n / T);
  const char* names[] = {"naive: strided writes", "tiled, tile[32][32]: bank conflicts",
                         "tiled, tile[32][33]: padded"};
  float ms[3];
  bool correct = true;
  for (int v = 0; v < 3; ++v) {
    CHECK(cudaMemset(out, 0, bytes));
    ms[v] = time_ms([&] {
      if (v == 0) naive<<<grid, block>>>(in, out, n);
      else if (v == 1) tiled<<<grid, block>>>(in, out, n);
      else tiled_padded<<<grid, block>>>(in, out, n);
    });
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(back.data(), out, bytes, cudaMemcpyDeviceToHost));
    size_t bad = 0;  // out[r][c] must equal in[c][r] exactly; 64-row strips keep the CPU's caches warm
    for (size_t r0 = 0; r0 < size_t(n); r0 += 64)
      for (size_t c = 0; c < size_t(n); ++c)
        for (size_t r = r0; r < r0 + 64; ++r) bad += back[r * n + c] != h[c * n + r];
    if (bad != 0) correct = false;
  }
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"n\": %d, \"memcpy_d2d_gbps\": %.1f, \"rows\": [",
              correct ? "true" : "false", n, memcpy_d2d_gbps(bytes));
  for (int v = 0; v < 3; ++v)
    std::printf("%s{\"version\": \"%s\", \"ms\": %.4f, \"gbps\": %.1f}", v ? ", " : "", names[v],
                ms[v], 2.0 * bytes / (ms[v] * 1e-3) / 1e9);
  std::printf("]}\n");
  return correct ? 0 : 1;
}
