// Host-to-device copies from ordinary (pageable) memory and from page-locked (pinned) memory.
// Pageable copies go through a staging buffer the driver pins; pinned memory can be read by the
// GPU's copy engines directly.
#include <chrono>
#include <cstring>
#include "../common.cuh"

int main() {
  const size_t bytes = size_t(1) << 30;  // 1 GiB
  void* dev;
  CHECK(cudaMalloc(&dev, bytes));
  void* pageable = std::malloc(bytes);
  std::memset(pageable, 1, bytes);
  void* pinned;
  CHECK(cudaMallocHost(&pinned, bytes));
  std::memset(pinned, 1, bytes);
  auto gbps = [&](void* src) {
    float ms = time_ms([&] { CHECK(cudaMemcpy(dev, src, bytes, cudaMemcpyHostToDevice)); }, 7);
    return bytes / (ms * 1e-3) / 1e9;
  };
  double a = gbps(pageable), b = gbps(pinned);
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"host buffer\", \"1 GiB host-to-device (GB/s)\"], \"rows\": ["
              "[\"pageable (malloc)\", %.1f], [\"pinned (cudaMallocHost)\", %.1f]]}, "
              "\"pageable_h2d_gbps\": %.1f, \"pinned_h2d_gbps\": %.1f}\n", a, b, a, b);
  return 0;
}
