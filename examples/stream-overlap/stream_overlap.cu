// Stream overlap: copy 8 chunks to the GPU, process them, copy them back. On one stream each step
// waits for the previous; on 4 streams, one chunk's copy overlaps another chunk's kernel, using the
// separate copy engines and the SMs at the same time. Host buffers are pinned (required for
// asynchronous copies).
#include "../common.cuh"

__global__ void work(float* d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) { float v = d[i]; for (int k = 0; k < 200; ++k) v = v * 0.999f + 0.001f; d[i] = v; }
}

int main() {
  const int chunks = 8, per = 1 << 24;  // 8 chunks of 64 MiB
  const size_t bytes = size_t(per) * 4;
  float *h, *d;
  CHECK(cudaMallocHost(&h, bytes * chunks));
  CHECK(cudaMalloc(&d, bytes * chunks));
  for (size_t i = 0; i < size_t(per) * chunks; ++i) h[i] = 1.0f;
  cudaStream_t s[4];
  for (auto& x : s) CHECK(cudaStreamCreate(&x));
  auto run = [&](int nstreams) {
    for (int c = 0; c < chunks; ++c) {
      cudaStream_t st = s[c % nstreams];
      CHECK(cudaMemcpyAsync(d + size_t(c) * per, h + size_t(c) * per, bytes, cudaMemcpyHostToDevice, st));
      work<<<per / 256, 256, 0, st>>>(d + size_t(c) * per, per);
      CHECK(cudaMemcpyAsync(h + size_t(c) * per, d + size_t(c) * per, bytes, cudaMemcpyDeviceToHost, st));
    }
    CHECK(cudaDeviceSynchronize());
  };
  // time_ms records events on the default (legacy) stream, which waits for all blocking streams.
  float ms1 = time_ms([&] { run(1); }, 5);
  float ms4 = time_ms([&] { run(4); }, 5);
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"streams\", \"8 chunks: copy in, kernel, copy out (ms)\", \"speed-up\"], "
              "\"rows\": [[1, %.2f, 1.00], [4, %.2f, %.2f]]}}\n", ms1, ms4, ms1 / ms4);
  return 0;
}
