// Atomic contention: 16M atomicAdd calls onto 1 address, one address per warp, and one per thread.
#include "../common.cuh"

__global__ void add_to(float* targets, int spread) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int slot = spread == 0 ? 0 : (spread == 1 ? i / 32 : i);  // all / per warp / per thread
  atomicAdd(&targets[slot], 1.0f);
}

int main() {
  const int n = 1 << 24;
  float* t;
  CHECK(cudaMalloc(&t, n * sizeof(float)));
  const char* names[] = {"one address for all threads", "one address per warp", "one address per thread"};
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"targets\", \"time (ms)\", \"billion atomics/s\"], \"rows\": [");
  for (int s = 0; s < 3; ++s) {
    CHECK(cudaMemset(t, 0, n * sizeof(float)));
    float ms = time_ms([&] { add_to<<<n / 256, 256>>>(t, s); });
    CHECK(cudaGetLastError());
    std::printf("%s[\"%s\", %.4f, %.1f]", s ? ", " : "", names[s], ms, n / (ms * 1e-3) / 1e9);
  }
  std::printf("]}}\n");
  return 0;
}
