// Warp divergence: every thread does the same amount of arithmetic, but in one kernel the two
// paths of the branch split each warp (odd and even lanes), so the warp runs both paths one after
// the other; in the other, whole warps take one path or the other.
#include "../common.cuh"

__device__ float path_a(float x) { for (int k = 0; k < 256; ++k) x = x * 1.0001f + 0.5f; return x; }
__device__ float path_b(float x) { for (int k = 0; k < 256; ++k) x = x * 0.9999f - 0.5f; return x; }

__global__ void divergent(float* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float x = float(i);
  out[i] = (threadIdx.x & 1) ? path_a(x) : path_b(x);  // neighbours disagree: both paths per warp
}

__global__ void uniform(float* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float x = float(i);
  out[i] = ((threadIdx.x >> 5) & 1) ? path_a(x) : path_b(x);  // whole warps agree
}

int main() {
  const int n = 1 << 24;
  float* out;
  CHECK(cudaMalloc(&out, n * sizeof(float)));
  float ms_d = time_ms([&] { divergent<<<n / 256, 256>>>(out); });
  float ms_u = time_ms([&] { uniform<<<n / 256, 256>>>(out); });
  CHECK(cudaGetLastError());
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"branch\", \"time (ms)\", \"relative\"], \"rows\": ["
              "[\"splits every warp (lane parity)\", %.4f, %.2f], [\"uniform per warp\", %.4f, 1.00]]}}\n",
              ms_d, ms_d / ms_u, ms_u);
  return 0;
}
