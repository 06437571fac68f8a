"""The office's service process: counter queue, files and their routes, complaints, forums."""
