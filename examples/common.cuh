// Shared helpers for the glossary's CUDA examples: error checks, timing, JSON output.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define CHECK(call)                                                                  \
  do {                                                                               \
    cudaError_t err_ = (call);                                                       \
    if (err_ != cudaSuccess) {                                                       \
      std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(err_)); \
      std::exit(1);                                                                  \
    }                                                                                \
  } while (0)

// Median of `reps` timed launches of `launch`, in milliseconds (after one warm-up).
template <typename F>
float time_ms(F launch, int reps = 20) {
  cudaEvent_t start, stop;
  CHECK(cudaEventCreate(&start));
  CHECK(cudaEventCreate(&stop));
  launch();
  CHECK(cudaDeviceSynchronize());
  float times[64];
  reps = reps > 64 ? 64 : reps;
  for (int r = 0; r < reps; ++r) {
    CHECK(cudaEventRecord(start));
    launch();
    CHECK(cudaEventRecord(stop));
    CHECK(cudaEventSynchronize(stop));
    CHECK(cudaEventElapsedTime(&times[r], start, stop));
  }
  for (int i = 0; i < reps; ++i)  // insertion sort: tiny array
    for (int j = i; j > 0 && times[j] < times[j - 1]; --j) {
      float t = times[j]; times[j] = times[j - 1]; times[j - 1] = t;
    }
  CHECK(cudaEventDestroy(start));
  CHECK(cudaEventDestroy(stop));
  return times[reps / 2];
}

// Device-to-device cudaMemcpy bandwidth in GB/s (bytes read + written), the practical ceiling
// that a copy kernel is compared with.
inline double memcpy_d2d_gbps(size_t bytes) {
  void *a, *b;
  CHECK(cudaMalloc(&a, bytes));
  CHECK(cudaMalloc(&b, bytes));
  CHECK(cudaMemset(a, 1, bytes));
  float ms = time_ms([&] { CHECK(cudaMemcpy(b, a, bytes, cudaMemcpyDeviceToDevice)); });
  CHECK(cudaFree(a));
  CHECK(cudaFree(b));
  return 2.0 * bytes / (ms * 1e-3) / 1e9;
}

inline void print_device_json() {
  int dev = 0, rt = 0, drv = 0;
  cudaDeviceProp p;
  CHECK(cudaGetDevice(&dev));
  CHECK(cudaGetDeviceProperties(&p, dev));
  CHECK(cudaRuntimeGetVersion(&rt));
  CHECK(cudaDriverGetVersion(&drv));
  std::printf("\"device\": {\"name\": \"%s\", \"sm_count\": %d, \"cc\": \"%d.%d\", "
              "\"global_mem_bytes\": %zu, \"cuda_runtime\": %d, \"cuda_driver\": %d}",
              p.name, p.multiProcessorCount, p.major, p.minor, p.totalGlobalMem, rt, drv);
}
