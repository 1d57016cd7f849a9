// Bank conflicts: a 32x32 float tile in shared memory read down its columns. Without padding,
// the 32 threads of a warp hit addresses 32 floats apart, all in the same bank: a 32-way conflict.
// One float of padding per row puts consecutive rows in consecutive banks.
#include "../common.cuh"

template <int PAD>
__global__ void column_reads(const float* __restrict__ in, float* __restrict__ out, int reps) {
  __shared__ float tile[32][32 + PAD];
  int x = threadIdx.x, y = threadIdx.y;                 // a 32x8 block
  for (int r = y; r < 32; r += 8) tile[r][x] = in[blockIdx.x * 1024 + r * 32 + x];
  __syncthreads();
  float acc = 0.f;
  for (int k = 0; k < reps; ++k)
    for (int r = y; r < 32; r += 8) acc += tile[x][(r + k) & 31];  // lane x reads row x: column access
  out[blockIdx.x * 256 + y * 32 + x] = acc;
}

int main() {
  const int blocks = 132 * 64, reps = 64;
  float *in, *out;
  CHECK(cudaMalloc(&in, size_t(blocks) * 1024 * sizeof(float)));
  CHECK(cudaMalloc(&out, size_t(blocks) * 256 * sizeof(float)));
  CHECK(cudaMemset(in, 0, size_t(blocks) * 1024 * sizeof(float)));
  dim3 block(32, 8);
  float ms0 = time_ms([&] { column_reads<0><<<blocks, block>>>(in, out, reps); });
  float ms1 = time_ms([&] { column_reads<1><<<blocks, block>>>(in, out, reps); });
  CHECK(cudaGetLastError());
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"layout\", \"time (ms)\", \"slowdown\"], \"rows\": ["
              "[\"tile[32][32]: 32-way conflicts\", %.4f, %.2f], [\"tile[32][33]: padded\", %.4f, 1.00]]}"
              ", \"unpadded_ms\": %.4f, \"padded_ms\": %.4f}\n", ms0, ms0 / ms1, ms1, ms0, ms1);
  return 0;
}
