import { makeStyles } from '@material-ui/core';
import { MeshifiMark } from './LogoIcon';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
});

/** The mark and the "meshifi" wordmark, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 96 24"
      role="img"
      aria-label="meshifi"
    >
      <MeshifiMark />
      <text
        x="29"
        y="18"
        fill="#ffffff"
        fontFamily="Helvetica Neue, Helvetica, Arial, sans-serif"
        fontSize="18"
        fontWeight="600"
        letterSpacing="0.3"
      >
        meshifi
      </text>
    </svg>
  );
};
