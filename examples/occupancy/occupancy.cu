// Occupancy vs block size: the same memory-bound copy launched with 32 to 1024 threads per
// block. Tiny blocks hit the 32-blocks-per-SM limit long before the 2,048-threads limit, so too
// few warps are resident to hide memory latency.
#include "../common.cuh"

__global__ void copy(const float4* __restrict__ in, float4* __restrict__ out, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = in[i];
}

int main() {
  const int n = 1 << 26;  // float4 elements: 1 GiB per array
  const size_t bytes = size_t(n) * sizeof(float4);
  float4 *in, *out;
  CHECK(cudaMalloc(&in, bytes));
  CHECK(cudaMalloc(&out, bytes));
  CHECK(cudaMemset(in, 0, bytes));
  int sms = 0;
  CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  std::printf("{");
  print_device_json();
  std::printf(", \"memcpy_d2d_gbps\": %.1f, \"table\": {\"columns\": [\"threads per block\", "
              "\"resident blocks per SM\", \"theoretical occupancy\", \"time (ms)\", \"GB/s\"], \"rows\": [",
              memcpy_d2d_gbps(bytes));
  const int sizes[] = {32, 64, 128, 256, 512, 1024};
  for (int k = 0; k < 6; ++k) {
    int block = sizes[k], per_sm = 0;
    CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, copy, block, 0));
    int grid = per_sm * sms;  // exactly one full wave of resident blocks
    float ms = time_ms([&] { copy<<<grid, block>>>(in, out, n); });
    CHECK(cudaGetLastError());
    double occ = double(per_sm * block) / 2048.0;  // 2,048 threads per SM on compute capability 9.0
    std::printf("%s[%d, %d, \"%.0f%%\", %.3f, %.1f]", k ? ", " : "", block, per_sm, occ * 100, ms,
                2.0 * bytes / (ms * 1e-3) / 1e9);
  }
  std::printf("]}}\n");
  return 0;
}
