const t0 = performance.now();
process.env.PORT='0';
await import(process.argv[2]);
console.error('total', (performance.now()-t0).toFixed(0), 'boot', t0.toFixed(0));
process.exit(0)
