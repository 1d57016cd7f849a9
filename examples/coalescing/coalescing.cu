// Coalescing: a warp reading 32 consecutive floats touches four 32-byte sectors; with a stride
// of s floats it touches up to 32 sectors for the same useful bytes. The sweep measures useful
// bandwidth as the stride grows.
#include "../common.cuh"

__global__ void strided_copy(const float* __restrict__ in, float* __restrict__ out, int n,
                             int stride) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  long j = (long(i) * stride) % n;  // stride 1: neighbours read neighbours
  if (i < n) out[i] = in[j];
}

int main() {
  const int n = 1 << 26;  // 64M floats = 256 MiB per array
  const size_t bytes = size_t(n) * sizeof(float);
  float *in, *out;
  CHECK(cudaMalloc(&in, bytes));
  CHECK(cudaMalloc(&out, bytes));
  CHECK(cudaMemset(in, 0, bytes));
  const int block = 256, grid = (n + block - 1) / block;
  std::printf("{");
  print_device_json();
  std::printf(", \"memcpy_d2d_gbps\": %.1f, \"sweep\": [", memcpy_d2d_gbps(bytes));
  const int strides[] = {1, 2, 4, 8, 16, 32, 64};
  for (int k = 0; k < 7; ++k) {
    int s = strides[k];
    float ms = time_ms([&] { strided_copy<<<grid, block>>>(in, out, n, s); });
    CHECK(cudaGetLastError());
    double useful = 2.0 * bytes / (ms * 1e-3) / 1e9;  // bytes the program asked for
    std::printf("%s{\"stride\": %d, \"ms\": %.4f, \"useful_gbps\": %.1f}", k ? ", " : "", s, ms, useful);
  }
  std::printf("]}\n");
  return 0;
}
