from infra.bench.run import main

main()
