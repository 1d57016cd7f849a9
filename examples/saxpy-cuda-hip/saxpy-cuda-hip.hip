// SAXPY in HIP: y = a*x + y, one work-item per element. The kernel is the CUDA file's kernel,
// unchanged; the host code is the same program with cuda* calls renamed to hip* (what HIPIFY
// does). Build for an AMD Instinct GPU: hipcc --offload-arch=gfx90a -O3 saxpy-cuda-hip.hip
#include <cstdio>
#include <cstdlib>
#include <hip/hip_runtime.h>

#define CHECK(call)                                                                  \
  do {                                                                               \
    hipError_t err_ = (call);                                                        \
    if (err_ != hipSuccess) {                                                        \
      std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, hipGetErrorString(err_)); \
      std::exit(1);                                                                  \
    }                                                                                \
  } while (0)

__global__ void saxpy(int n, float a, const float* __restrict__ x, float* __restrict__ y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;  // global index of this thread
  if (i < n) y[i] = a * x[i] + y[i];              // two loads, one fused multiply-add, one store
}

// Median of `reps` timed launches of `launch`, in milliseconds (after one warm-up), as in
// common.cuh but with HIP events.
template <typename F>
float time_ms(F launch, int reps = 20) {
  hipEvent_t start, stop;
  CHECK(hipEventCreate(&start));
  CHECK(hipEventCreate(&stop));
  launch();
  CHECK(hipDeviceSynchronize());
  float times[64];
  reps = reps > 64 ? 64 : reps;
  for (int r = 0; r < reps; ++r) {
    CHECK(hipEventRecord(start));
    launch();
    CHECK(hipEventRecord(stop));
    CHECK(hipEventSynchronize(stop));
    CHECK(hipEventElapsedTime(&times[r], start, stop));
  }
  for (int i = 0; i < reps; ++i)
    for (int j = i; j > 0 && times[j] < times[j - 1]; --j) {
      float t = times[j]; times[j] = times[j - 1]; times[j - 1] = t;
    }
  CHECK(hipEventDestroy(start));
  CHECK(hipEventDestroy(stop));
  return times[reps / 2];
}

// Device-to-device hipMemcpy bandwidth in GB/s (bytes read + written).
double memcpy_d2d_gbps(size_t bytes) {
  void *a, *b;
  CHECK(hipMalloc(&a, bytes));
  CHECK(hipMalloc(&b, bytes));
  CHECK(hipMemset(a, 1, bytes));
  float ms = time_ms([&] { CHECK(hipMemcpy(b, a, bytes, hipMemcpyDeviceToDevice)); });
  CHECK(hipFree(a));
  CHECK(hipFree(b));
  return 2.0 * bytes / (ms * 1e-3) / 1e9;
}

// The same fields as print_device_json() in common.cuh, plus the AMD architecture name.
void print_device_json() {
  int dev = 0, rt = 0, drv = 0;
  hipDeviceProp_t p;
  CHECK(hipGetDevice(&dev));
  CHECK(hipGetDeviceProperties(&p, dev));
  CHECK(hipRuntimeGetVersion(&rt));
  CHECK(hipDriverGetVersion(&drv));
  std::printf("\"device\": {\"name\": \"%s\", \"cu_count\": %d, \"arch\": \"%s\", "
              "\"warp_size\": %d, \"global_mem_bytes\": %zu, \"hip_runtime\": %d, \"hip_driver\": %d}",
              p.name, p.multiProcessorCount, p.gcnArchName, p.warpSize, p.totalGlobalMem, rt, drv);
}

static float x_init(long i) { return float(i % 1024) * 0.25f; }  // a*x + y stays exact in FP32
static float y_init(long i) { return float(i % 3); }

int main() {
  const int n = 1 << 28;  // 268M floats: 1 GiB per array, far larger than any L2 or Infinity Cache
  const float a = 2.5f;
  const size_t bytes = size_t(n) * sizeof(float);
  float *x, *y;
  CHECK(hipMalloc(&x, bytes));
  CHECK(hipMalloc(&y, bytes));
  float* hx = (float*)std::malloc(bytes);
  float* hy = (float*)std::malloc(bytes);
  for (long i = 0; i < n; ++i) { hx[i] = x_init(i); hy[i] = y_init(i); }
  CHECK(hipMemcpy(x, hx, bytes, hipMemcpyHostToDevice));
  CHECK(hipMemcpy(y, hy, bytes, hipMemcpyHostToDevice));

  const int block = 256;  // four 64-lane wavefronts on CDNA
  const int grid = (n + block - 1) / block;
  float ms = time_ms([&] { saxpy<<<grid, block>>>(n, a, x, y); });  // or hipLaunchKernelGGL
  CHECK(hipGetLastError());

  CHECK(hipMemcpy(y, hy, bytes, hipMemcpyHostToDevice));  // reset y, then one checked launch
  hipLaunchKernelGGL(saxpy, dim3(grid), dim3(block), 0, 0, n, a, x, y);
  CHECK(hipGetLastError());
  CHECK(hipMemcpy(hy, y, bytes, hipMemcpyDeviceToHost));
  long bad = 0, checked = 0;
  for (long i = 0; i < n; i += (i < n - 4096 ? 997 : 1)) {  // every 997th element, then the tail
    bad += hy[i] != a * x_init(i) + y_init(i);
    ++checked;
  }

  double gbps = 3.0 * bytes / (ms * 1e-3) / 1e9;  // reads x and y, writes y
  double copy = memcpy_d2d_gbps(bytes);
  double copy_ms = 2.0 * bytes / (copy * 1e9) * 1e3;
  std::printf("{");
  print_device_json();
  std::printf(", \"correct\": %s, \"checked\": %ld, \"elements\": %d, \"block\": %d, \"grid\": %d, "
              "\"rows\": [{\"version\": \"saxpy kernel (2 reads + 1 write)\", \"ms\": %.4f, \"gbps\": %.1f}, "
              "{\"version\": \"hipMemcpy device-to-device (1 read + 1 write)\", \"ms\": %.4f, \"gbps\": %.1f}], "
              "\"memcpy_d2d_gbps\": %.1f}\n",
              bad == 0 ? "true" : "false", checked, n, block, grid, ms, gbps, copy_ms, copy, copy);
  CHECK(hipFree(x));
  CHECK(hipFree(y));
  std::free(hx);
  std::free(hy);
  return bad == 0 ? 0 : 1;
}
