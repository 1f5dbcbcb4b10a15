// Which JavaScript host this is: Node (worker_threads, process) or a browser (Worker, navigator).

/** True in Node (and its worker threads), false in a browser page or worker. */
export const IN_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';
