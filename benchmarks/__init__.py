"""The performance budget of PRODUCT.md section 7, measured as ratios in one run."""
