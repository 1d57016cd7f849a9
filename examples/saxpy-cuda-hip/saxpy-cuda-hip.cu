// SAXPY in CUDA C++: y = a*x + y, one thread per element. The HIP file next to this one holds
// the same kernel, character for character; only the host API names change (cuda* -> hip*).
#include "../common.cuh"

__global__ void saxpy(int n, float a, const float* __restrict__ x, float* __restrict__ y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;  // global index of this thread
  if (i < n) y[i] = a * x[i] + y[i];              // two loads, one fused multiply-add, one store
}

// Inputs chosen so that a*x + y is exact in FP32: the GPU's fused multiply-add and the CPU's
// separate multiply and add then give bit-identical answers.
static float x_init(long i) { return float(i % 1024) * 0.25f; }
static float y_init(long i) { return float(i % 3); }

int main() {
  const int n = 1 << 28;  // 268M floats: 1 GiB per array, far larger than any L2 cache
  const float a = 2.5f;
  const size_t bytes = size_t(n) * sizeof(float);
  float *x, *y;
  CHECK(cudaMalloc(&x, bytes));
  CHECK(cudaMalloc(&y, bytes));
  float* hx = (float*)std::malloc(bytes);
  float* hy = (float*)std::malloc(bytes);
  for (long i = 0; i < n; ++i) { hx[i] = x_init(i); hy[i] = y_init(i); }
  CHECK(cudaMemcpy(x, hx, bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(y, hy, bytes, cudaMemcpyHostToDevice));

  const int block = 256;
  const int grid = (n + block - 1) / block;
  // Each timed launch updates y in place; the values stay finite and the time does not depend
  // on them. y is reset before the launch whose answer is checked.
  float ms = time_ms([&] { saxpy<<<grid, block>>>(n, a, x, y); });
  CHECK(cudaGetLastError());

  CHECK(cudaMemcpy(y, hy, bytes, cudaMemcpyHostToDevice));
  saxpy<<<grid, block>>>(n, a, x, y);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(hy, y, bytes, cudaMemcpyDeviceToHost));
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
              "{\"version\": \"cudaMemcpy device-to-device (1 read + 1 write)\", \"ms\": %.4f, \"gbps\": %.1f}], "
              "\"memcpy_d2d_gbps\": %.1f}\n",
              bad == 0 ? "true" : "false", checked, n, block, grid, ms, gbps, copy_ms, copy, copy);
  CHECK(cudaFree(x));
  CHECK(cudaFree(y));
  std::free(hx);
  std::free(hy);
  return bad == 0 ? 0 : 1;
}
