// Block reduction in HIP: each wavefront sums its lanes with __shfl_down, wavefront leaders
// meet in LDS (__shared__), and the first wavefront sums those partials. Written for any
// wavefront size: 64 lanes on CDNA (Instinct), 32 on RDNA in wave32 mode.
// Build for an AMD Instinct GPU: hipcc --offload-arch=gfx90a -O3 hip-lds-reduction.hip
#include <cmath>
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

constexpr int BLOCK = 256;  // 4 wavefronts of 64 on CDNA (it would be 8 warps on NVIDIA)

// Sum over one wavefront. A loop copied from CUDA starts at offset 16 and passes the 32-bit
// mask 0xffffffff to __shfl_down_sync. On a 64-lane wavefront, offsets 16..1 leave lanes 0-31
// and 32-63 as two separate sums, and a 32-bit mask cannot name lanes 32-63 at all: ROCm 6.2
// and later accept only a 64-bit mask there (compile-time error otherwise). Starting from
// warpSize / 2 covers every lane. The mask-less __shfl_down used here (the only form in
// HIP 5.2, which compiled this page's assembly) includes all active lanes of the wavefront.
__device__ float wave_sum(float v) {
  for (int offset = warpSize / 2; offset > 0; offset /= 2)
    v += __shfl_down(v, offset);  // lane i adds lane i + offset (lanes past the end keep v)
  return v;                       // lane 0 holds the wavefront's sum
}

// Each workgroup writes one partial sum; launched a second time with one workgroup over the
// partials, it yields the total (two passes, no atomics, the same answer every run).
__global__ void block_sum(const float* __restrict__ x, float* __restrict__ out, int n) {
  // One slot per wavefront. Sized for the smallest wavefront (32) so it fits wave32 and wave64;
  // warpSize is not a compile-time constant from ROCm 7.0 on, so it cannot size the array.
  __shared__ float partial[BLOCK / 32];
  float v = 0.f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    v += x[i];  // grid-stride loop
  v = wave_sum(v);

  const int lane = threadIdx.x % warpSize, wave = threadIdx.x / warpSize;
  if (lane == 0) partial[wave] = v;  // one LDS write per wavefront
  __syncthreads();                   // every wavefront of the workgroup has written its slot
  if (wave == 0) {
    const int waves = blockDim.x / warpSize;
    v = lane < waves ? partial[lane] : 0.f;  // LDS read of the other wavefronts' sums
    v = wave_sum(v);
    if (lane == 0) out[blockIdx.x] = v;
  }
}

// Median of `reps` timed calls of `f`, in milliseconds (after one warm-up).
template <typename F>
float time_ms(F f, int reps = 20) {
  hipEvent_t start, stop;
  CHECK(hipEventCreate(&start));
  CHECK(hipEventCreate(&stop));
  f();
  CHECK(hipDeviceSynchronize());
  float times[64];
  reps = reps > 64 ? 64 : reps;
  for (int r = 0; r < reps; ++r) {
    CHECK(hipEventRecord(start));
    f();
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

int main() {
  const int n = 1 << 26;  // 64M floats, 256 MiB
  const size_t bytes = size_t(n) * sizeof(float);
  float* h = (float*)std::malloc(bytes);
  double expected = 0.0;
  for (int i = 0; i < n; ++i) {
    h[i] = float(i % 17) * 0.125f;  // 0 to 2, mean 1: lanes left out would show in the sum
    expected += h[i];               // the CPU reference sums in double
  }
  hipDeviceProp_t p;
  CHECK(hipGetDeviceProperties(&p, 0));
  const int grid = p.multiProcessorCount * 8;  // enough workgroups to fill every CU
  float *x, *partials, *total;
  CHECK(hipMalloc(&x, bytes));
  CHECK(hipMalloc(&partials, grid * sizeof(float)));
  CHECK(hipMalloc(&total, sizeof(float)));
  CHECK(hipMemcpy(x, h, bytes, hipMemcpyHostToDevice));

  auto reduce = [&] {
    hipLaunchKernelGGL(block_sum, dim3(grid), dim3(BLOCK), 0, 0, x, partials, n);
    hipLaunchKernelGGL(block_sum, dim3(1), dim3(BLOCK), 0, 0, partials, total, grid);
  };
  float ms = time_ms(reduce);
  CHECK(hipGetLastError());
  float sum = 0.f;
  CHECK(hipMemcpy(&sum, total, sizeof(float), hipMemcpyDeviceToHost));
  // FP32 partial sums round differently from the double reference: allow a relative error of
  // 1e-5, far less than a reduction that skipped half of each wavefront would be off by.
  const bool ok = std::fabs(sum - expected) <= 1e-5 * expected;

  std::printf("{\"device\": {\"name\": \"%s\", \"cu_count\": %d, \"arch\": \"%s\", \"warp_size\": %d}, "
              "\"correct\": %s, \"elements\": %d, \"block\": %d, \"grid\": %d, "
              "\"rows\": [{\"version\": \"wavefront shuffle + LDS, 2 passes\", \"sum\": %.1f, "
              "\"expected\": %.1f, \"ms\": %.4f, \"gbps\": %.1f}]}\n",
              p.name, p.multiProcessorCount, p.gcnArchName, p.warpSize, ok ? "true" : "false", n,
              BLOCK, grid, sum, expected, ms, bytes / (ms * 1e-3) / 1e9);
  CHECK(hipFree(x));
  CHECK(hipFree(partials));
  CHECK(hipFree(total));
  std::free(h);
  return ok ? 0 : 1;
}
