// Warp-shuffle reduction: the 32 lanes of a warp add their values through registers with
// __shfl_down_sync (SHFL.DOWN in SASS), with no shared memory and no __syncthreads().
#include "../common.cuh"

__device__ float warp_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v += __shfl_down_sync(0xffffffffu, v, offset);  // lane i adds lane i+offset
  return v;  // lane 0 holds the warp's sum
}

__global__ void sum_shuffle(const float* __restrict__ x, float* __restrict__ total, int n) {
  float v = 0.f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    v += x[i];  // grid-stride loop
  v = warp_sum(v);
  if ((threadIdx.x & 31) == 0) atomicAdd(total, v);  // one atomic per warp
}

__global__ void sum_shared(const float* __restrict__ x, float* __restrict__ total, int n) {
  __shared__ float s[256];
  float v = 0.f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    v += x[i];
  s[threadIdx.x] = v;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {  // tree in shared memory
    if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(total, s[0]);
}

int main() {
  const int n = 1 << 26;
  const size_t bytes = size_t(n) * sizeof(float);
  float *x, *t;
  CHECK(cudaMalloc(&x, bytes));
  CHECK(cudaMalloc(&t, sizeof(float)));
  float* h = (float*)std::malloc(bytes);
  for (int i = 0; i < n; ++i) h[i] = 1.0f;  // exact in FP32 up to 2^24 per partial sum
  CHECK(cudaMemcpy(x, h, bytes, cudaMemcpyHostToDevice));
  int sms = 0;
  CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  const int block = 256, grid = sms * 8;
  float result[2], ms[2];
  auto run = [&](int which) {
    CHECK(cudaMemset(t, 0, sizeof(float)));
    if (which == 0) sum_shuffle<<<grid, block>>>(x, t, n); else sum_shared<<<grid, block>>>(x, t, n);
  };
  for (int w = 0; w < 2; ++w) {
    ms[w] = time_ms([&] { run(w); });
    run(w);
    CHECK(cudaMemcpy(&result[w], t, sizeof(float), cudaMemcpyDeviceToHost));
  }
  std::printf("{");
  print_device_json();
  std::printf(", \"elements\": %d, \"expected\": %d, \"shuffle\": {\"sum\": %.1f, \"ms\": %.4f, "
              "\"gbps\": %.1f}, \"shared\": {\"sum\": %.1f, \"ms\": %.4f, \"gbps\": %.1f}, "
              "\"memcpy_d2d_gbps\": %.1f}\n",
              n, n, result[0], ms[0], bytes / (ms[0] * 1e-3) / 1e9, result[1], ms[1],
              bytes / (ms[1] * 1e-3) / 1e9, memcpy_d2d_gbps(bytes));
  return (result[0] == float(n) && result[1] == float(n)) ? 0 : 1;
}
