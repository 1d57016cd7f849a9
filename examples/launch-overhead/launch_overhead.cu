// Launch overhead: 1,000 launches of an empty kernel from the host, against the same 1,000
// launches captured once into a CUDA Graph and replayed with one call.
#include "../common.cuh"

__global__ void empty() {}

int main() {
  const int launches = 1000;
  cudaStream_t s;
  CHECK(cudaStreamCreate(&s));
  float ms_loop = time_ms([&] { for (int k = 0; k < launches; ++k) empty<<<1, 32, 0, s>>>(); });
  cudaGraph_t graph;
  cudaGraphExec_t exec;
  CHECK(cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal));
  for (int k = 0; k < launches; ++k) empty<<<1, 32, 0, s>>>();
  CHECK(cudaStreamEndCapture(s, &graph));
  CHECK(cudaGraphInstantiate(&exec, graph, 0));
  float ms_graph = time_ms([&] { CHECK(cudaGraphLaunch(exec, s)); });
  CHECK(cudaStreamSynchronize(s));
  std::printf("{");
  print_device_json();
  std::printf(", \"table\": {\"columns\": [\"how\", \"1,000 empty kernels (ms)\", \"per kernel (us)\"],"
              " \"rows\": [[\"a launch per kernel\", %.4f, %.2f], [\"one CUDA Graph\", %.4f, %.2f]]}}\n",
              ms_loop, ms_loop, ms_graph, ms_graph);
  return 0;
}
